import type { ExitInfo } from '../execute/spawn-job';
import type { JobAd } from '../state/job-ad';
import type { Attempt } from './attempt-end';
import type { ProcContext } from './context';
import { dueRunningFault } from './fault-triggers';
import { durationHold, periodicAction } from './policy';
import { residentKb } from './usage';
import { watch } from './watch';

export type RunOutcome =
  | { kind: 'exited'; exit: ExitInfo }
  | { kind: 'removed'; reason: string }
  | { kind: 'held'; reason: string; code: number; subcode: number; byTool: boolean }
  | { kind: 'evicted' }
  | { kind: 'lost' }
  | { kind: 'shutdown' };

type Found = { kind: 'exit' } | { kind: 'stop'; outcome: RunOutcome };

/** Watches a running job until it exits or something stops it. */
export async function monitorJob(pc: ProcContext, attempt: Attempt): Promise<RunOutcome> {
  const found = await watch<Found>(pc, undefined, (ad) => checkRunning(pc, attempt, ad));
  if (!found || found.kind === 'exit') return { kind: 'exited', exit: await attempt.job.exit };
  if (found.kind === 'stop') return found.outcome;
  switch (found.kind) {
    case 'gone':
      return { kind: 'lost' };
    case 'released':
      return { kind: 'shutdown' };
    case 'removed':
      return { kind: 'removed', reason: removeReason(found.ad) };
    case 'held':
      return heldByTool(found.ad);
    default:
      return { kind: 'shutdown' };
  }
}

function checkRunning(pc: ProcContext, attempt: Attempt, ad: JobAd): Found | undefined {
  if (attempt.job.hasExited()) return { kind: 'exit' };
  attempt.rssKb = Math.max(attempt.rssKb, residentKb(attempt.job.pid));
  const runningMs = Date.now() - attempt.startedAt;
  const fault = dueRunningFault(pc, ad, runningMs);
  const stop = (outcome: RunOutcome): Found => ({ kind: 'stop', outcome });
  if (fault?.kind === 'lose') return stop({ kind: 'lost' });
  if (fault?.kind === 'evict') return stop({ kind: 'evicted' });
  if (fault?.kind === 'hold') return stop({ ...fault, kind: 'held', byTool: false });
  const policy = periodicAction(ad) ?? durationHold(ad, Math.floor(runningMs / 1000));
  if (policy?.kind === 'remove') return stop({ kind: 'removed', reason: policy.reason });
  if (policy?.kind === 'hold') return stop({ ...policy, kind: 'held', byTool: false });

  return undefined;
}

function removeReason(ad: JobAd): string {
  return typeof ad.RemoveReason === 'string' ? ad.RemoveReason : 'via condor_rm';
}

function heldByTool(ad: JobAd): RunOutcome {
  return {
    kind: 'held',
    reason: String(ad.HoldReason ?? 'via condor_hold'),
    code: Number(ad.HoldReasonCode ?? 1),
    subcode: Number(ad.HoldReasonSubCode ?? 0),
    byTool: true,
  };
}
