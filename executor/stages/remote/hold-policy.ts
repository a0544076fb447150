import { BuildFailure, SystemFailure } from '../../errors';
import { formatDuration, parseDuration, toMiB } from '../../settings/units';
import type { Resources } from '../../job/resources';
import type { Settings } from '../../settings/types';
import { describeHold, judgeHold, type HoldInfo } from './holds';
import { removeAndWait } from './remove-job';
import type { Supervision } from './supervise';

/**
 * A hold is a decision, never a state to wait in forever: too little asked
 * → remove, build failure; infrastructure → a bounded number of releases,
 * then remove, system failure; unknown → wait a bounded time for a release.
 */
export async function decideHold(
  s: Supervision,
  hold: HoldInfo,
  state: { releases: number; deadline: number | undefined },
): Promise<void> {
  const verdict = judgeHold(hold);
  const h = s.call.settings.htcondor;
  s.call.log.warn('held', { cluster: s.cluster, verdict: verdict.kind, hold });

  if (verdict.kind === 'too-little') {
    await removeAndWait(s, 'resource limit');
    throw new BuildFailure(limitMessage(verdict, hold, s.resources, s.call.settings), verdict.exitCode);
  }
  if (verdict.kind === 'infrastructure' && state.releases < h.hold_releases) {
    state.releases += 1;
    s.ci.line(`releasing HTCondor job ${s.jobId} (${state.releases} of ${h.hold_releases})`, 'warn');
    await release(s);
    return;
  }
  if (verdict.kind === 'infrastructure') {
    await removeAndWait(s, 'infrastructure hold');
    throw new SystemFailure(`the HTCondor job was held by the pool: ${describeHold(hold)}`);
  }

  const waitS = parseDuration(h.unknown_hold_wait);
  state.deadline ??= Date.now() + waitS * 1000;
  s.ci.line(`waiting up to ${formatDuration(waitS)} for HTCondor job ${s.jobId} to be released`, 'warn');
}

async function release(s: Supervision): Promise<void> {
  const r = await s.call.tools.run('condor_release', [String(s.cluster)], 30_000);
  if (r.exitCode !== 0 || r.spawnError) {
    s.call.log.error('condor_release failed', { cluster: s.cluster, stderr: r.stderr.slice(0, 300) });
  }
}

function limitMessage(
  v: { limit: 'memory' | 'disk' | 'runtime'; variable: string },
  hold: HoldInfo,
  r: Resources,
  settings: Settings,
): string {
  const used = {
    memory: `${toMiB(r.memoryBytes)} MiB of memory (HTCONDOR_MEMORY, at most ${settings.resources.max_memory} here)`,
    disk: `${toMiB(r.diskBytes)} MiB of disk (HTCONDOR_DISK, at most ${settings.resources.max_disk} here)`,
    runtime: `${formatDuration(r.runtimeS ?? 0)} of run time (the CI job timeout plus resources.runtime_margin)`,
  }[v.limit];

  return `the job needed more than the ${used} it asked for: ${describeHold(hold)}; raise ${v.variable}`;
}
