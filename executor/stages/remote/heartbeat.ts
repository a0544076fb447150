import type { JobState } from '../../condor/event-log';
import type { CiLog } from '../../log/ci-log';
import { formatDuration } from '../../settings/units';
import type { StageRecord } from './stage-record';

/**
 * While the job has not started, one line a minute so that a long queue
 * wait does not look like a hang; a held job's reason is repeated.
 */
export function startQueueHeartbeat(
  ci: CiLog,
  jobId: string,
  record: StageRecord,
  stateOf: () => JobState,
  everyMs: number,
): () => void {
  const timer = setInterval(() => {
    const state = stateOf();
    if (state !== 'idle' && state !== 'held') return;
    const since = record.submittedAt ?? Date.now();
    const waited = formatDuration((Date.now() - since) / 1000);
    const hold = record.holds.at(-1);
    const what = state === 'held' && hold ? `held (${hold.reason || `code ${hold.code}`})` : 'waiting in the queue';
    ci.line(`HTCondor job ${jobId}: ${what}, ${waited} since submission`);
  }, everyMs);
  timer.unref();

  return () => clearInterval(timer);
}
