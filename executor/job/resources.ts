import { BuildFailure } from '../errors';
import { parseDuration, parseSize } from '../settings/units';
import type { Settings } from '../settings/types';
import type { JobContext } from './context';

/** What one HTCondor job asks for, after the pipeline's overrides. */
export interface Resources {
  cpus: number;
  memoryBytes: number;
  diskBytes: number;
  gpus: number;
  /** Longest execution time before HTCondor holds the job, seconds. */
  runtimeS: number | undefined;
}

type Override = 'HTCONDOR_CPUS' | 'HTCONDOR_MEMORY' | 'HTCONDOR_DISK' | 'HTCONDOR_GPUS';

export function resolveResources(settings: Settings, job: JobContext): Resources {
  const r = settings.resources;
  const allowed = new Set<string>(r.allow_overrides);
  const pick = (name: Override) => (allowed.has(name) ? job.variables.get(name) : undefined);

  return {
    cpus: countOr(pick('HTCONDOR_CPUS'), 'HTCONDOR_CPUS', r.cpus, r.max_cpus),
    memoryBytes: sizeOr(pick('HTCONDOR_MEMORY'), 'HTCONDOR_MEMORY', r.memory, r.max_memory),
    diskBytes: sizeOr(pick('HTCONDOR_DISK'), 'HTCONDOR_DISK', r.disk, r.max_disk),
    gpus: countOr(pick('HTCONDOR_GPUS'), 'HTCONDOR_GPUS', r.gpus, r.max_gpus),
    runtimeS: job.timeoutS && job.timeoutS + parseDuration(r.runtime_margin),
  };
}

function countOr(text: string | undefined, name: string, fallback: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text.trim())) {
    throw refused(name, text, `a whole number from 0 to ${max}`);
  }
  const value = Number(text.trim());
  if (value > max) throw refused(name, text, `a whole number from 0 to ${max}`);

  return value;
}

function sizeOr(text: string | undefined, name: string, fallback: string, max: string): number {
  const maxBytes = parseSize(max);
  if (text === undefined || text === '') return parseSize(fallback);

  let value: number;
  try {
    value = parseSize(text);
  } catch {
    throw refused(name, text, `a size up to ${max}, such as 4GiB or 512MB`);
  }
  if (value <= 0 || value > maxBytes) {
    throw refused(name, text, `a size up to ${max}, such as 4GiB or 512MB`);
  }

  return value;
}

function refused(name: string, value: string, expected: string): BuildFailure {
  return new BuildFailure(
    `${name}=${JSON.stringify(value)} is not allowed on this runner: expected ${expected}`,
  );
}
