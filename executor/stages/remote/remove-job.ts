import { parseDuration } from '../../settings/units';
import type { StageCall } from '../stage-call';
import type { JobFollower } from './follow-job';

/** condor_rm for one cluster; a failure is logged, never thrown. */
export async function removeJob(call: StageCall, cluster: number, why: string): Promise<boolean> {
  call.log.warn('removing job', { cluster, why });
  const result = await call.tools.run('condor_rm', [String(cluster)], 30_000);
  if (result.exitCode === 0 && !result.spawnError) return true;

  call.log.error('condor_rm failed', {
    cluster,
    exitCode: result.exitCode,
    stderr: result.stderr.slice(0, 500),
    spawnError: result.spawnError,
  });

  return false;
}

/** condor_rm, then wait (bounded by htcondor.removal_wait) for the 009. */
export async function removeAndWait(
  s: { call: StageCall; cluster: number; follower: JobFollower },
  why: string,
): Promise<void> {
  await removeJob(s.call, s.cluster, why);
  const waitMs = parseDuration(s.call.settings.htcondor.removal_wait) * 1000;
  if (!(await s.follower.waitForRemoval(waitMs))) {
    s.call.log.error('no removal event after condor_rm', { cluster: s.cluster, waitMs });
  }
}
