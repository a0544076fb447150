import {
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { withLock } from './lock';
import { simPaths } from './paths';

/** Restricts a job fault to jobs whose ad matches a ClassAd expression. */
interface Targeted {
  constraint?: string;
  after_ms?: number;
}

/**
 * Faults a test can inject by writing `$HTCONDOR_SIM_HOME/faults.json`.
 * The file is read again at every decision point, so it may change at any
 * time. Job faults apply at most once per job.
 */
export interface SimFaults {
  /** condor_submit fails like a schedd that is down (first `times` only). */
  submit_error?: boolean | { times?: number; message?: string };
  /** Hold the job `after_ms` after it starts running. */
  hold?: Targeted & { code: number; subcode?: number; reason?: string };
  /** Kill the first attempt, log 004 and run the job again. */
  evict_once?: boolean | Targeted;
  /** The job vanishes from the queue and its event log goes silent. */
  lose_job?: boolean | Targeted;
  /** Output transfer fails at exit: 007 + 012 with code 12. */
  output_transfer_error?: boolean | Targeted;
  /** Idle time before execution; wins over HTCONDOR_SIM_QUEUE_DELAY_MS. */
  queue_delay_ms?: number;
}

export type JobFaultName =
  | 'hold'
  | 'evict_once'
  | 'lose_job'
  | 'output_transfer_error';

export function readFaults(home: string): SimFaults {
  const file = simPaths(home).faults;
  try {
    if (!existsSync(file)) return {};
    return JSON.parse(readFileSync(file, 'utf8')) as SimFaults;
  } catch {
    return {};
  }
}

export function writeFaultsFile(home: string, faults: SimFaults): void {
  const p = simPaths(home);
  writeFileSync(p.faults, `${JSON.stringify(faults, null, 2)}\n`);
  rmSync(p.faultState, { force: true });
}

/** The settings of a job fault, or undefined when it is off. */
export function jobFault(
  faults: SimFaults,
  name: JobFaultName,
): Targeted | undefined {
  const value = faults[name];
  if (value === undefined || value === false) return undefined;

  return value === true ? {} : value;
}

interface FaultState {
  faultsMtimeMs: number;
  submitErrors: number;
}

/**
 * Decides whether this submit fails. Counts failures per version of the
 * faults file so that a test writing a new file starts from zero.
 */
export function takeSubmitError(home: string): string | undefined {
  const fault = readFaults(home).submit_error;
  if (fault === undefined || fault === false) return undefined;
  const spec = fault === true ? {} : fault;
  if (spec.times === undefined) return spec.message ?? '';
  const p = simPaths(home);

  return withLock(p.locks, 'faults', () => {
    const state = readState(p.faultState, p.faults);
    if (state.submitErrors >= (spec.times ?? 0)) return undefined;
    state.submitErrors += 1;
    writeFileSync(p.faultState, JSON.stringify(state));

    return spec.message ?? '';
  });
}

function readState(stateFile: string, faultsFile: string): FaultState {
  const mtime = existsSync(faultsFile) ? statSync(faultsFile).mtimeMs : 0;
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as FaultState;
    if (state.faultsMtimeMs === mtime) return state;
  } catch {
    // no state yet
  }

  return { faultsMtimeMs: mtime, submitErrors: 0 };
}
