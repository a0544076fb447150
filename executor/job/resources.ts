import { BuildFailure } from '../errors';
import { parseDuration, parseSize } from '../settings/units';
import type { Settings } from '../settings/types';
import type { JobContext } from './context';
import { parseOverrideDuration, parseOverrideSize } from './override-values';

/** What one HTCondor job asks for, after the pipeline's overrides. */
export interface Resources {
  cpus: number;
  memoryBytes: number;
  diskBytes: number;
  gpus: number;
  /** Longest execution time before HTCondor holds the job, seconds. */
  runtimeS: number | undefined;
}

export const OVERRIDES = [
  'HTCONDOR_CPUS',
  'HTCONDOR_MEMORY',
  'HTCONDOR_DISK',
  'HTCONDOR_GPUS',
  'HTCONDOR_RUNTIME',
] as const;

type Override = (typeof OVERRIDES)[number];

/**
 * The job's requests: the admin's defaults, replaced by the HTCONDOR_*
 * variables the admin allows, each parsed strictly and bounded by the
 * admin's maximum. Any other variable has no effect.
 */
export function resolveResources(settings: Settings, job: JobContext): Resources {
  const r = settings.resources;
  const allowed = new Set<string>(r.allow_overrides);
  const pick = (name: Override) => (allowed.has(name) ? job.variables.get(name) : undefined);

  return {
    cpus: countOr(pick('HTCONDOR_CPUS'), 'HTCONDOR_CPUS', r.cpus, [0, r.max_cpus]),
    memoryBytes: sizeOr(pick('HTCONDOR_MEMORY'), 'HTCONDOR_MEMORY', r.memory, r.max_memory),
    diskBytes: sizeOr(pick('HTCONDOR_DISK'), 'HTCONDOR_DISK', r.disk, r.max_disk),
    gpus: countOr(pick('HTCONDOR_GPUS'), 'HTCONDOR_GPUS', r.gpus, [0, r.max_gpus]),
    runtimeS: runtimeOf(pick('HTCONDOR_RUNTIME'), r, job.timeoutS),
  };
}

function countOr(
  text: string | undefined,
  name: string,
  fallback: number,
  [min, max]: [number, number],
): number {
  if (text === undefined || text === '') return fallback;
  const expected = `a whole number from ${min} to ${max}`;
  if (!/^[0-9]{1,9}$/.test(text)) throw refused(name, text, expected);
  const value = Number(text);
  if (value < min || value > max) throw refused(name, text, expected);

  return value;
}

function sizeOr(text: string | undefined, name: string, fallback: string, max: string): number {
  if (text === undefined || text === '') return parseSize(fallback);
  const expected = `a size with a unit, more than 0 and at most ${max}, such as 4GiB or 512MB`;
  const value = parseOverrideSize(text);
  if (value === undefined || value <= 0 || value > parseSize(max)) {
    throw refused(name, text, expected);
  }

  return value;
}

/**
 * Without an override, the CI timeout plus the margin. An override may
 * shorten that, never lengthen it: no job outlives its CI job by more
 * than the margin.
 */
function runtimeOf(
  text: string | undefined,
  r: Settings['resources'],
  timeoutS: number | undefined,
): number | undefined {
  const ciLimit = timeoutS && timeoutS + parseDuration(r.runtime_margin);
  if (text === undefined || text === '') return ciLimit;
  const expected = `a duration more than 0 and at most ${r.max_runtime}, such as 90m or 2h30m`;
  const value = parseOverrideDuration(text);
  if (value === undefined || value <= 0 || value > parseDuration(r.max_runtime)) {
    throw refused('HTCONDOR_RUNTIME', text, expected);
  }

  return ciLimit ? Math.min(value, ciLimit) : value;
}

function refused(name: string, value: string, expected: string): BuildFailure {
  const shown = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return new BuildFailure(
    `${name}=${JSON.stringify(shown)} is not allowed on this runner: expected ${expected}`,
  );
}
