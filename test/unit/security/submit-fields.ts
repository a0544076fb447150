import { adValueFromText } from '../../htcondor-sim/src/classad/ad-values';
import {
  parseArguments,
  splitV2,
  unwrapDoubleQuoted,
} from '../../htcondor-sim/src/submit/arguments';
import type { StageJob } from '../../../executor/condor/submit/build';
import { defaultSettings } from '../../../executor/settings/defaults';

/**
 * One place where a pipeline-controlled value enters the submit
 * description: where it goes, the commands it may change, and how the
 * value is read back from the expanded command.
 */
export interface PipelineField {
  name: string;
  /** Field names an encoder's refusal may carry. */
  refusedAs: string[];
  place(s: StageJob, value: string): void;
  /** Commands (lower case) whose text may differ from the baseline. */
  commands: string[];
  /** What each of those commands must read as, once expanded and parsed. */
  expect(value: string): Record<string, unknown>;
}

const CVMFS = '/cvmfs/unpacked.cern.ch/';
const JOB_DIR = '/var/tmp/state/job-4242/stages/01-build_script';

export function baseStageJob(): StageJob {
  const projectDir = '/tmp/builds/t0k3n/0/group/project';
  return {
    stage: 'build_script',
    settings: defaultSettings(),
    job: {
      jobId: '4242', pipelineId: '77', projectPath: 'group/project',
      jobName: 'build', projectDir, runnerToken: 't0k3n', timeoutS: 3600,
      image: undefined, debug: false, runnerTmp: '/tmp/custom-executor1',
      variables: new Map(),
    },
    resources: {
      cpus: 1, memoryBytes: 2 * 1024 ** 3, diskBytes: 1024 ** 3, gpus: 0,
      runtimeS: 3900,
    },
    image: '/cvmfs/unpacked.cern.ch/img:latest/',
    files: {
      dir: JOB_DIR, wrapper: `${JOB_DIR}/job-wrapper.sh`,
      script: `${JOB_DIR}/script`,
      eventLog: `${JOB_DIR}/job.log`, output: `${JOB_DIR}/job.out`,
      inputs: ['script', 'workspace-in.tar'],
      outputs: ['workspace-out.tar', 'workspace-deleted.bin', 'job-result.txt'],
    },
    wrapperArgs: ['transfer', projectDir, 'script'],
    driverHost: 'runner1.example.org',
    driverPid: 4321,
  };
}

/** How a command's expanded text is read for each kind of value. */
export const READ: Record<string, (text: string) => unknown> = {
  // An image outside /cvmfs is transferred, its value read as a file list.
  container_image: (t) => t.split(',').map((name) => name.trim()),
  batch_name: (t) => t,
  arguments: (t) => parseArguments(t).argv,
  environment: readEnvironment,
};

/**
 * `environment` in the new syntax, read as HTCondor does: words split like
 * arguments, each at its first `=`, nothing trimmed.
 */
function readEnvironment(text: string): Record<string, string> {
  const inner = unwrapDoubleQuoted(text, 'environment') ?? '';
  const words = splitV2(inner, 'environment');
  return Object.fromEntries(
    words.map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
}

export function readCommand(key: string, text: string): unknown {
  const read = READ[key] ?? ((t: string) => adValueFromText(t));
  return read(text);
}

export const PIPELINE_FIELDS: PipelineField[] = [
  {
    name: 'image (container_image)', refusedAs: ['container_image'],
    commands: ['container_image'],
    place: (s, v) => (s.image = `${CVMFS}${v}`),
    expect: (v) => ({ container_image: [`${CVMFS}${v}`] }),
  },
  {
    name: 'image (SingularityImage)', refusedAs: ['SingularityImage'],
    commands: ['my.singularityimage'],
    place: (s, v) => {
      s.settings.container.mode = 'singularity_image';
      s.image = `${CVMFS}${v}`;
    },
    expect: (v) => ({ 'my.singularityimage': `${CVMFS}${v}` }),
  },
  {
    name: 'project path', refusedAs: ['GitLabProjectPath'],
    commands: ['my.gitlabprojectpath'],
    place: (s, v) => (s.job.projectPath = v),
    expect: (v) => ({ 'my.gitlabprojectpath': v || 'unknown' }),
  },
  {
    name: 'runner token', refusedAs: ['GitLabRunner'],
    commands: ['my.gitlabrunner'],
    place: (s, v) => (s.job.runnerToken = v),
    expect: (v) => ({ 'my.gitlabrunner': v || 'unknown' }),
  },
  {
    name: 'stage name', refusedAs: ['GitLabStage', 'batch_name'],
    commands: ['my.gitlabstage', 'batch_name'],
    place: (s, v) => (s.stage = v),
    expect: (v) => ({ 'my.gitlabstage': v, batch_name: `gitlab-4242-${v}` }),
  },
  {
    name: 'project dir (arguments)', refusedAs: ['arguments'],
    commands: ['arguments'],
    place: (s, v) => (s.wrapperArgs = ['transfer', v, 'script']),
    expect: (v) => ({ arguments: ['transfer', v, 'script'] }),
  },
];
