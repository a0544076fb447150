/**
 * cleanup_exec: always attempted, output only for the runner's own log,
 * never bounded by the job timeout and never changing the job's status.
 * The temp dir goes with it.
 */
import { callPhaseExec } from './driver-call';
import { JobState } from './job-state';
import { removeSessionDir } from './session-dir';

export async function cleanupExecutor(
  state: JobState,
  sessionDir: string,
): Promise<void> {
  await callPhaseExec(state, sessionDir, 'cleanup', 'none');
  await removeSessionDir(sessionDir);
}
