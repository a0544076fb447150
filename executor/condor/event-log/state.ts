import { EventCode as C } from './event-kinds';
import type { CondorEvent, JobId } from './types';

/** Where a job stands, as far as its event log tells. */
export type JobState =
  | 'unsubmitted'
  | 'idle'
  | 'running'
  | 'held'
  | 'suspended'
  | 'completed'
  | 'removed';

/** How a job ended: by its own exit, by a signal, or by removal. */
export type JobOutcome =
  | { kind: 'exited'; code: number }
  | { kind: 'signalled'; signal: number }
  | { kind: 'removed'; reason?: string };

export interface JobSummary {
  id: JobId;
  state: JobState;
  outcome?: JobOutcome;
  /** Number of 012 (held) events. */
  holds: number;
  /** Number of 004 (evicted) events. */
  evictions: number;
  /** Host of the latest 001/014 event. */
  lastHost?: string;
}

/**
 * The state each event number leads to. Numbers not listed (image size,
 * disconnection, job ad information, file transfer, DAG post scripts,
 * unknown numbers, ...) leave the state alone. A job that was evicted,
 * lost its shadow or failed to reconnect goes back to the queue; a 012
 * right after it then makes it held.
 */
const TARGET: Readonly<Record<number, JobState>> = {
  [C.submit]: 'idle',
  [C.execute]: 'running',
  [C.evicted]: 'idle',
  [C.shadowException]: 'idle',
  [C.reconnectFailed]: 'idle',
  [C.held]: 'held',
  [C.released]: 'idle',
  [C.suspended]: 'suspended',
  [C.unsuspended]: 'running',
  [C.terminated]: 'completed',
  [C.aborted]: 'removed',
};

/** True for states no later event leaves. */
export function isTerminalState(state: JobState): boolean {
  return state === 'completed' || state === 'removed';
}

/** The state after one event of the job; terminal states are kept. */
export function nextState(state: JobState, e: CondorEvent): JobState {
  if (isTerminalState(state)) return state;
  return TARGET[e.code] ?? state;
}

/** The job key used by summarizeJobs: `Cluster.Proc`, e.g. `1234.0`. */
export function jobKey(id: JobId): string {
  return `${id.cluster}.${id.proc}`;
}

/** Folds a log's events into one summary per job, keyed `Cluster.Proc`. */
export function summarizeJobs(
  events: readonly CondorEvent[],
): Map<string, JobSummary> {
  const jobs = new Map<string, JobSummary>();
  for (const e of events) {
    const key = jobKey(e.id);
    let job = jobs.get(key);
    if (job === undefined) {
      job = { id: e.id, state: 'unsubmitted', holds: 0, evictions: 0 };
      jobs.set(key, job);
    }
    applyEvent(job, e);
  }
  return jobs;
}

function applyEvent(job: JobSummary, e: CondorEvent): void {
  const before = job.state;
  job.state = nextState(before, e);
  if (e.code === C.held) job.holds += 1;
  if (e.code === C.evicted) job.evictions += 1;
  if (e.host !== undefined) job.lastHost = e.host;

  if (!isTerminalState(before) && isTerminalState(job.state)) {
    const outcome = outcomeOf(e);
    if (outcome !== undefined) job.outcome = outcome;
  }
}

/** The outcome a 005 or 009 event records. */
function outcomeOf(e: CondorEvent): JobOutcome | undefined {
  if (e.code === C.aborted) {
    return e.reason === undefined
      ? { kind: 'removed' }
      : { kind: 'removed', reason: e.reason };
  }
  if (e.terminatedNormally === true && e.returnValue !== undefined) {
    return { kind: 'exited', code: e.returnValue };
  }
  if (e.terminatedNormally === false && e.signal !== undefined) {
    return { kind: 'signalled', signal: e.signal };
  }
  return undefined;
}
