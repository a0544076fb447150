import { toKiB, toMiB } from '../../settings/units';
import type { Settings } from '../../settings/types';
import type { JobContext } from '../../job/context';
import type { Resources } from '../../job/resources';
import { SubmitDescription } from './description';

/** Files of one remote stage, all inside the stage's own directory. */
export interface StageFiles {
  dir: string;
  wrapper: string;
  script: string;
  eventLog: string;
  output: string;
  inputs: string[];
  outputs: string[];
}

export interface StageJob {
  stage: string;
  settings: Settings;
  job: JobContext;
  resources: Resources;
  image: string | undefined;
  files: StageFiles;
  wrapperArgs: string[];
  /** Where the driver runs, so that `reap` on that host can judge the job. */
  driverHost: string;
  driverPid: number;
}

/** The whole submit description of one remote stage. */
export function buildSubmitDescription(s: StageJob): SubmitDescription {
  const d = new SubmitDescription();
  addContainer(d, s.settings, s.image);
  addProgram(d, s);
  addResources(d, s.resources);
  addTags(d, s);
  addAdmin(d, s.settings);

  return d;
}

function addContainer(d: SubmitDescription, settings: Settings, image?: string) {
  if (!image) return d.plain('universe', 'vanilla');
  if (settings.container.mode === 'singularity_image') {
    return d.plain('universe', 'vanilla').classAdString('SingularityImage', image);
  }

  // HTCondor transfers an image outside /cvmfs as an input file and reads
  // the value as a comma-separated list: one comma would add a file.
  return d.plain('universe', 'container').pathList('container_image', [image]);
}

function addProgram(d: SubmitDescription, s: StageJob) {
  const f = s.files;
  d.plain('initialdir', f.dir)
    .plain('executable', f.wrapper)
    .arguments(s.wrapperArgs)
    .plain('log', f.eventLog)
    .plain('output', f.output)
    .plain('error', f.output)
    .boolean('stream_output', true)
    .boolean('stream_error', true)
    .plain('should_transfer_files', 'YES')
    .plain('when_to_transfer_output', 'ON_EXIT')
    .pathList('transfer_input_files', f.inputs)
    .pathList('transfer_output_files', f.outputs);
  if (s.settings.credentials.x509_proxy) {
    d.plain('x509userproxy', s.settings.credentials.x509_proxy);
  }
}

function addResources(d: SubmitDescription, r: Resources) {
  d.integer('request_cpus', r.cpus)
    .plain('request_memory', `${toMiB(r.memoryBytes)}M`)
    .plain('request_disk', `${toKiB(r.diskBytes)}K`);
  if (r.gpus > 0) d.integer('request_gpus', r.gpus);
  if (r.runtimeS) d.integer('allowed_execute_duration', r.runtimeS);
}

/** Tags let cleanup, the reaper and the pool operator find every job. */
function addTags(d: SubmitDescription, s: StageJob) {
  const j = s.job;
  d.classAdInteger('GitLabJobId', Number(j.jobId))
    .classAdInteger('GitLabPipelineId', Number(j.pipelineId))
    .classAdString('GitLabProjectPath', j.projectPath || 'unknown')
    .classAdString('GitLabStage', s.stage)
    .classAdString('GitLabRunner', j.runnerToken || 'unknown')
    .classAdString('GitLabRunnerHost', s.driverHost)
    .classAdInteger('GitLabDriverPid', s.driverPid)
    .plain('batch_name', `gitlab-${j.jobId}-${s.stage}`);
}

function addAdmin(d: SubmitDescription, settings: Settings) {
  const h = settings.htcondor;
  if (h.accounting_group) d.plain('accounting_group', h.accounting_group);
  if (h.accounting_group_user) d.plain('accounting_group_user', h.accounting_group_user);
  for (const [key, value] of Object.entries(h.extra_submit_commands)) {
    d.adminCommand(key, value);
  }
}
