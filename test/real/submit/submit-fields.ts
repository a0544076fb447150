import { basename, join } from 'node:path';
import {
  buildSubmitDescription,
  type StageJob,
} from '../../../executor/condor/submit/build';
import { defaultSettings } from '../../../executor/settings/defaults';

/**
 * One place where a CI value enters the submit description, with the job
 * attributes it is meant to set. Every other attribute of the job ad must
 * come out exactly as in the baseline description.
 */
export interface SubmitField {
  name: string;
  /** The field name the encoder's refusal must mention. */
  refusalNames: string[];
  /** Attributes allowed to differ from the baseline. */
  changes: string[];
  place(s: StageJob, value: string): void;
  expected(value: string, dir: string): Record<string, unknown>;
  /** Extra commands after the built ones (values still encoded). */
  extra?: (value: string) => { environment?: Record<string, string> };
}

const CVMFS = '/cvmfs/unpacked.cern.ch/';
const IMAGES = '/images/';

export function baseStageJob(dir: string): StageJob {
  const projectDir = '/builds/t0k3n/0/group/project';
  return {
    stage: 'build_script',
    settings: defaultSettings(),
    job: {
      jobId: '4242', pipelineId: '77', projectPath: 'group/project',
      jobName: 'analysis 1/3', projectDir, runnerToken: 't0k3n',
      timeoutS: 3600, image: undefined, debug: false,
      runnerTmp: '/tmp/custom-executor1', variables: new Map(),
    },
    resources: {
      cpus: 1, memoryBytes: 2 * 1024 ** 3, diskBytes: 1024 ** 3, gpus: 0,
      runtimeS: 3900,
    },
    image: '/cvmfs/unpacked.cern.ch/img:latest',
    files: {
      dir, wrapper: join(dir, 'job-wrapper.sh'), script: join(dir, 'script'),
      eventLog: join(dir, 'job.log'), output: join(dir, 'job.out'),
      inputs: ['script', 'workspace-in.tar'],
      outputs: ['workspace-out.tar', 'job-result.txt'],
    },
    wrapperArgs: ['transfer', projectDir, 'script'],
    driverHost: 'runner1.example.org',
    driverPid: 4321,
  };
}

export const SUBMIT_FIELDS: SubmitField[] = [
  {
    name: 'image under /cvmfs',
    refusalNames: ['container_image'],
    changes: ['ContainerImage'],
    place: (s, v) => (s.image = `${CVMFS}${v}`),
    expected: (v) => ({ ContainerImage: `${CVMFS}${v}` }),
  },
  {
    // HTCondor transfers an image file from the submit host and keeps only
    // its base name in ContainerImage.
    name: 'image elsewhere', refusalNames: ['container_image'],
    changes: ['ContainerImage', 'ContainerImageFullPath', 'TransferInput'],
    place: (s, v) => (s.image = `${IMAGES}${v}`),
    expected: (v) => ({
      ContainerImage: basename(`${IMAGES}${v}`),
      ContainerImageFullPath: `${IMAGES}${v}`,
      TransferInput: ['script', 'workspace-in.tar', `${IMAGES}${v}`],
    }),
  },
  {
    name: 'image (SingularityImage)', refusalNames: ['SingularityImage'],
    changes: ['SingularityImage'],
    place: (s, v) => {
      s.settings.container.mode = 'singularity_image';
      s.image = `${CVMFS}${v}`;
    },
    expected: (v) => ({ SingularityImage: `${CVMFS}${v}` }),
  },
  {
    name: 'project path',
    refusalNames: ['GitLabProjectPath'],
    changes: ['GitLabProjectPath'],
    place: (s, v) => (s.job.projectPath = v),
    expected: (v) => ({ GitLabProjectPath: v || 'unknown' }),
  },
  {
    name: 'runner token', refusalNames: ['GitLabRunner'], changes: ['GitLabRunner'],
    place: (s, v) => (s.job.runnerToken = v),
    expected: (v) => ({ GitLabRunner: v || 'unknown' }),
  },
  {
    name: 'project dir argument',
    refusalNames: ['arguments'],
    changes: ['Arguments', '__argv'],
    place: (s, v) => (s.wrapperArgs = ['transfer', v, 'script']),
    expected: (v) => ({ __argv: ['transfer', v, 'script'] }),
  },
  {
    name: 'output file', refusalNames: ['output'], changes: ['Out', 'Err'],
    place: (s, v) => (s.files.output = join(s.files.dir, v)),
    expected: (v, dir) => ({ Out: join(dir, v), Err: join(dir, v) }),
  },
  {
    name: 'event log file', refusalNames: ['log'], changes: ['UserLog'],
    place: (s, v) => (s.files.eventLog = join(s.files.dir, v)),
    expected: (v, dir) => ({ UserLog: join(dir, v) }),
  },
  {
    name: 'transfer input name',
    refusalNames: ['transfer_input_files'],
    changes: ['TransferInput'],
    place: (s, v) => (s.files.inputs = ['script', v]),
    expected: (v) => ({ TransferInput: ['script', v] }),
  },
  {
    name: 'environment value', refusalNames: ['environment.CI_VALUE', 'environment'],
    changes: ['Environment', '__env'],
    place: () => undefined,
    extra: (v) => ({ environment: { CI_VALUE: v } }),
    expected: (v) => ({ __env: [`CI_VALUE=${v}`] }),
  },
];

/** The rendered description with `value` in `field`; throws EncodeError. */
export function renderWith(field: SubmitField, value: string, dir: string): string {
  const s = baseStageJob(dir);
  field.place(s, value);
  const d = buildSubmitDescription(s);
  const env = field.extra?.(value).environment;
  if (env) d.environment(env);
  return d.render();
}
