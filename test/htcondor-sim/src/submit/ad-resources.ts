import { expr } from '../state/job-ad';
import type { AdStep } from './build-context';
import { SubmitError } from './lines';
import { parseCommandExpr, parseInteger, parseSize } from './units';

/** Universes the simulator can run; all are JobUniverse 5 in HTCondor. */
const RUNNABLE = ['vanilla', 'container', 'docker'];
const NOT_SIMULATED = ['standard', 'scheduler', 'local', 'grid', 'java', 'parallel', 'vm'];

export const setUniverse: AdStep = (hash, ad) => {
  const image = hash.get('container_image')?.trim();
  const universe = (hash.get('universe') ?? (image ? 'container' : 'vanilla')).trim().toLowerCase();
  if (NOT_SIMULATED.includes(universe)) {
    throw new SubmitError([`ERROR: the ${universe} universe is not available in this pool`]);
  }
  if (!RUNNABLE.includes(universe)) {
    throw new SubmitError([`ERROR: I don't know about the '${universe}' universe.`]);
  }
  ad.JobUniverse = 5;
  if (universe === 'docker') return setDocker(hash.get('docker_image')?.trim(), ad);
  if (universe === 'container' && !image) {
    throw new SubmitError(['ERROR: universe = container requires a container_image']);
  }
  if (image) {
    ad.WantContainer = true;
    ad.ContainerImage = image;
  }
};

function setDocker(image: string | undefined, ad: Record<string, unknown>): void {
  if (!image) throw new SubmitError(['ERROR: docker jobs require a docker_image']);
  ad.WantDocker = true;
  ad.DockerImage = image;
}

export const setResources: AdStep = (hash, ad) => {
  const cpus = hash.get('request_cpus');
  ad.RequestCpus = cpus === undefined ? 1 : parseInteger('request_cpus', cpus);
  const memory = hash.get('request_memory');
  ad.RequestMemory = memory === undefined
    ? expr('ifthenelse(MemoryUsage isnt undefined,MemoryUsage,(ImageSize + 1023) / 1024)')
    : parseSize('request_memory', memory, 'M');
  const disk = hash.get('request_disk');
  ad.RequestDisk = disk === undefined ? expr('DiskUsage') : parseSize('request_disk', disk, 'K');
  const gpus = hash.get('request_gpus');
  if (gpus !== undefined) ad.RequestGPUs = parseInteger('request_gpus', gpus);
  ad.MemoryUsage = expr('((ResidentSetSize + 1023) / 1024)');
  for (const a of hash.customResources()) {
    const name = a.key.slice('request_'.length);
    ad[`Request${name}`] = parseInteger(a.key, hash.get(a.key) ?? '');
  }
};

const DURATIONS: [string, string][] = [
  ['allowed_execute_duration', 'AllowedExecuteDuration'],
  ['allowed_job_duration', 'AllowedJobDuration'],
  ['job_max_vacate_time', 'JobMaxVacateTime'],
  ['job_lease_duration', 'JobLeaseDuration'],
  ['priority', 'JobPrio'],
  ['max_retries', 'JobMaxRetries'],
  ['success_exit_code', 'SuccessExitCode'],
];

const POLICIES: [string, string, string][] = [
  ['periodic_remove', 'PeriodicRemove', 'false'],
  ['periodic_hold', 'PeriodicHold', 'false'],
  ['periodic_release', 'PeriodicRelease', 'false'],
  ['on_exit_remove', 'OnExitRemove', 'true'],
  ['on_exit_hold', 'OnExitHold', 'false'],
];

export const setPolicy: AdStep = (hash, ad) => {
  for (const [command, attr] of DURATIONS) {
    const value = hash.get(command);
    if (value !== undefined) ad[attr] = parseInteger(command, value);
  }
  for (const [command, attr, fallback] of POLICIES) {
    ad[attr] = parseCommandExpr(command, hash.get(command) ?? fallback);
  }
  const requirements = hash.get('requirements');
  ad.Requirements = requirements === undefined
    ? expr('(TARGET.Arch == "X86_64") && (TARGET.OpSys == "LINUX") && (TARGET.Disk >= RequestDisk) && (TARGET.Memory >= RequestMemory)')
    : parseCommandExpr('requirements', requirements);
  const rank = hash.get('rank');
  if (rank !== undefined) ad.Rank = parseCommandExpr('rank', rank);
};
