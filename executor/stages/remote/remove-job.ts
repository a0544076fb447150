import type { StageCall } from '../stage-call';

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
