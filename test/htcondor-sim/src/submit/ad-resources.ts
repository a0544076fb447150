import { expr } from '../state/job-ad';
import type { AdStep } from './build-context';
import { SubmitError } from './lines';
import { parseCommandExpr, parseInteger, parseSize } from './units';

/** Universes the simulator can run; all are JobUniverse 5 in HTCondor. */
const RUNNABLE = ['vanilla', 'container', 'docker'];
const NOT_SIMULATED = [
  'standard', 'scheduler', 'local', 'grid', 'java', 'parallel', 'vm',
];

/** HTCondor's defaults when request_memory / requirements are not given. */
const DEFAULT_MEMORY =
  'ifthenelse(MemoryUsage isnt undefined,MemoryUsage,' +
  '(ImageSize + 1023) / 1024)';
const DEFAULT_REQUIREMENTS =
  '(TARGET.Arch == "X86_64") && (TARGET.OpSys == "LINUX") && ' +
  '(TARGET.Disk >= RequestDisk) && (TARGET.Memory >= RequestMemory)';

const refuse = (line: string) => new SubmitError([`ERROR: ${line}`]);

export const setUniverse: AdStep = (hash, ad) => {
  const image = hash.get('container_image')?.trim();
  const given = hash.get('universe') ?? (image ? 'container' : 'vanilla');
  const universe = given.trim().toLowerCase();
  if (NOT_SIMULATED.includes(universe)) {
    throw refuse(`the ${universe} universe is not available in this pool`);
  }
  if (!RUNNABLE.includes(universe)) {
    throw refuse(`I don't know about the '${universe}' universe.`);
  }
  ad.JobUniverse = 5;
  if (universe === 'docker') {
    const docker = hash.get('docker_image')?.trim();
    if (!docker) throw refuse('docker jobs require a docker_image');
    Object.assign(ad, { WantDocker: true, DockerImage: docker });
    return;
  }
  if (universe === 'container' && !image) {
    throw refuse('universe = container requires a container_image');
  }
  if (image) Object.assign(ad, { WantContainer: true, ContainerImage: image });
};

export const setResources: AdStep = (hash, ad) => {
  const cpus = hash.get('request_cpus');
  const memory = hash.get('request_memory');
  const disk = hash.get('request_disk');
  const gpus = hash.get('request_gpus');
  ad.RequestCpus = cpus === undefined ? 1 : parseInteger('request_cpus', cpus);
  ad.RequestMemory = memory === undefined
    ? expr(DEFAULT_MEMORY)
    : parseSize('request_memory', memory, 'M');
  ad.RequestDisk = disk === undefined
    ? expr('DiskUsage')
    : parseSize('request_disk', disk, 'K');
  if (gpus !== undefined) ad.RequestGPUs = parseInteger('request_gpus', gpus);
  ad.MemoryUsage = expr('((ResidentSetSize + 1023) / 1024)');
  for (const a of hash.customResources()) {
    const name = a.key.slice('request_'.length);
    ad[`Request${name}`] = parseInteger(a.key, hash.get(a.key) ?? '');
  }
};

const INTEGERS: [string, string][] = [
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
  for (const [command, attr] of INTEGERS) {
    const value = hash.get(command);
    if (value !== undefined) ad[attr] = parseInteger(command, value);
  }
  for (const [command, attr, fallback] of POLICIES) {
    ad[attr] = parseCommandExpr(command, hash.get(command) ?? fallback);
  }
  const requirements = hash.get('requirements');
  ad.Requirements = requirements === undefined
    ? expr(DEFAULT_REQUIREMENTS)
    : parseCommandExpr('requirements', requirements);
  const rank = hash.get('rank');
  if (rank !== undefined) ad.Rank = parseCommandExpr('rank', rank);
};
