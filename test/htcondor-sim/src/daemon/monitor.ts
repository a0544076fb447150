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
  | { kind: 'held'; reason: string; code: number; subcode: number }
  | { kind: 'evicted' }
  | { kind: 'lost' }
  | { kind: 'shutdown' };

type Found = { kind: 'exit' } | { kind: 'stop'; outcome: RunOutcome };

const stop = (outcome: RunOutcome): Found => ({ kind: 'stop', outcome });

/** Watches a running job until it exits or something stops it. */
export async function monitorJob(
  pc: ProcContext,
  attempt: Attempt,
): Promise<RunOutcome> {
  const check = (ad: JobAd) => checkRunning(pc, attempt, ad);
  const found = await watch<Found>(pc, undefined, check);
  if (!found || found.kind === 'exit') {
    return { kind: 'exited', exit: await attempt.job.exit };
  }
  switch (found.kind) {
    case 'stop':
      return found.outcome;
    case 'gone':
      return { kind: 'lost' };
    case 'removed':
      return { kind: 'removed', reason: reasonOf(found.ad.RemoveReason) };
    case 'held':
      return heldByTool(found.ad);
    default:
      return { kind: 'shutdown' };
  }
}

type Check = (pc: ProcContext, a: Attempt, ad: JobAd) => Found | undefined;

const checkRunning: Check = (pc, a, ad) => {
  if (a.job.hasExited()) return { kind: 'exit' };
  a.rssKb = Math.max(a.rssKb, residentKb(a.job.pid));
  const runningMs = Date.now() - a.startedAt;
  const fault = dueRunningFault(pc, ad, runningMs);
  if (fault?.kind === 'lose') return stop({ kind: 'lost' });
  if (fault?.kind === 'evict') return stop({ kind: 'evicted' });
  if (fault?.kind === 'hold') return stop({ ...fault, kind: 'held' });
  const runningSec = Math.floor(runningMs / 1000);
  const policy = periodicAction(ad) ?? durationHold(ad, runningSec);
  if (policy?.kind === 'remove') {
    return stop({ kind: 'removed', reason: policy.reason });
  }
  if (policy?.kind === 'hold') return stop({ ...policy, kind: 'held' });

  return undefined;
};

function reasonOf(value: unknown): string {
  return typeof value === 'string' ? value : 'via condor_rm';
}

function heldByTool(ad: JobAd): RunOutcome {
  return {
    kind: 'held',
    reason: String(ad.HoldReason ?? 'via condor_hold'),
    code: Number(ad.HoldReasonCode ?? 1),
    subcode: Number(ad.HoldReasonSubCode ?? 0),
  };
}
