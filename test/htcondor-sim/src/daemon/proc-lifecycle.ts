import { JobStatus } from '../state/job-ad';
import { type PhaseResult, runAttempt } from './attempt';
import type { ProcContext } from './context';
import { queueDelay } from './fault-triggers';
import { type PolicyAction, periodicAction, periodicRelease } from './policy';
import * as to from './transitions';
import { type Interrupt, watch } from './watch';

/** Follows one job from the queue to its end: idle, running, held, again. */
export async function runProc(pc: ProcContext): Promise<void> {
  let phase: PhaseResult = pc.expected === JobStatus.Held ? 'held' : 'idle';
  while (phase !== 'done') {
    phase = phase === 'idle' ? await idlePhase(pc) : await heldPhase(pc);
  }
}

/** Waits the queue delay (matchmaking, in effect), then runs an attempt. */
async function idlePhase(pc: ProcContext): Promise<PhaseResult> {
  const found = await watch<PolicyAction>(pc, queueDelay(pc), periodicAction);
  if (found) return react(pc, found);

  return runAttempt(pc);
}

/** A held job waits for condor_release, condor_rm or a periodic policy. */
async function heldPhase(pc: ProcContext): Promise<PhaseResult> {
  const found = await watch<PolicyAction>(pc, undefined, (ad) => {
    const remove = periodicAction(ad);
    return remove?.kind === 'remove' ? remove : periodicRelease(ad);
  });

  return found ? react(pc, found) : 'held';
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function react(pc: ProcContext, found: Interrupt | PolicyAction): PhaseResult {
  switch (found.kind) {
    case 'removed':
      to.removeJob(pc, text(found.ad.RemoveReason, 'via condor_rm'));
      return 'done';
    case 'held':
      to.acknowledgeHold(pc, found.ad);
      return 'held';
    case 'released':
      to.releaseJob(pc, text(found.ad.ReleaseReason, 'via condor_release'));
      return 'idle';
    case 'remove':
      to.removeJob(pc, found.reason);
      return 'done';
    case 'hold':
      to.holdJob(pc, found.reason, found.code, found.subcode);
      return 'held';
    case 'release':
      to.releaseJob(pc, found.reason);
      return 'idle';
    default:
      return 'done';
  }
}
