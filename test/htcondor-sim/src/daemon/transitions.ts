import * as ev from '../event-log/events';
import type { ExitInfo } from '../execute/spawn-job';
import { type JobAd, JobStatus, nowSeconds } from '../state/job-ad';
import { forgetJob } from '../state/queue-store';
import * as ctx from './context';

type ProcContext = ctx.ProcContext;

const count = (v: unknown) => Number(v ?? 0) + 1;

/**
 * Each transition updates the queue first and writes the event second, so
 * a reader who sees the event and then asks condor_q or condor_history
 * finds the job already in its new state.
 */
export function holdJob(
  pc: ProcContext,
  reason: string,
  code: number,
  subcode: number,
): void {
  ctx.setStatus(pc, JobStatus.Held, (ad) => {
    ctx.leaveSlot(ad);
    ad.HoldReason = reason;
    ad.HoldReasonCode = code;
    ad.HoldReasonSubCode = subcode;
    ad.NumHolds = count(ad.NumHolds);
  });
  ctx.logEvent(pc, ev.held(reason, code, subcode));
}

/** A hold a tool (condor_hold) already wrote into the ad. */
export function acknowledgeHold(pc: ProcContext, ad: JobAd): void {
  const reason = String(ad.HoldReason ?? 'via condor_hold');
  const code = Number(ad.HoldReasonCode ?? 1);
  holdJob(pc, reason, code, Number(ad.HoldReasonSubCode ?? 0));
}

export function releaseJob(pc: ProcContext, reason: string): void {
  ctx.setStatus(pc, JobStatus.Idle, (ad) => {
    ad.LastHoldReason = ad.HoldReason ?? null;
    ad.LastHoldReasonCode = ad.HoldReasonCode ?? null;
    delete ad.HoldReason;
    delete ad.HoldReasonCode;
    delete ad.HoldReasonSubCode;
    delete ad.ReleaseReason;
  });
  ctx.logEvent(pc, ev.released(reason));
}

export function removeJob(pc: ProcContext, reason: string): void {
  ctx.finishJob(pc, JobStatus.Removed, (ad) => {
    ctx.leaveSlot(ad);
    ad.RemoveReason = reason;
  });
  ctx.logEvent(pc, ev.aborted(reason));
}

export function evictJob(pc: ProcContext, stats: ev.RunStats, wall: number) {
  ctx.setStatus(pc, JobStatus.Idle, (ad) => {
    ctx.leaveSlot(ad);
    addWallClock(ad, wall);
    ad.NumRestarts = count(ad.NumRestarts);
  });
  ctx.logEvent(pc, ev.evicted(stats));
}

export function completeJob(
  pc: ProcContext,
  exit: ExitInfo,
  stats: ev.RunStats,
  wall: number,
): void {
  const at = new Date();
  const signal = exit.signal;
  ctx.finishJob(pc, JobStatus.Completed, (ad) => {
    ctx.leaveSlot(ad);
    addWallClock(ad, wall);
    ad.CompletionDate = nowSeconds();
    ad.ExitBySignal = signal !== undefined;
    if (signal !== undefined) ad.ExitSignal = signal;
    else ad.ExitCode = exit.exitCode;
    ad.ExitStatus = signal ?? exit.exitCode;
    ad.NumJobCompletions = count(ad.NumJobCompletions);
    ad.ToE = toeRecord(exit, at);
  });
  const how = signal !== undefined ? { signal } : { exitCode: exit.exitCode };
  ctx.logEvent(pc, ev.terminated(how, stats, at));
}

/** The `ToE` (ticket of execution) record the starter leaves in the ad. */
function toeRecord(exit: ExitInfo, at: Date): JobAd {
  const record: JobAd = {
    Who: 'itself',
    How: 'OF_ITS_OWN_ACCORD',
    HowCode: 0,
    When: Math.floor(at.getTime() / 1000),
  };
  if (exit.signal === undefined) return { ...record, ExitCode: exit.exitCode };

  return { ...record, ExitBySignal: true, ExitSignal: exit.signal };
}

function addWallClock(ad: JobAd, wall: number): void {
  ad.RemoteWallClockTime = Number(ad.RemoteWallClockTime ?? 0) + wall;
  ad.CumulativeSlotTime = Number(ad.CumulativeSlotTime ?? 0) + wall;
}

/** The job leaves the queue without a trace and its log goes silent. */
export function loseJob(pc: ProcContext): void {
  forgetJob(pc.d.home, pc.id);
  pc.d.log(`job ${pc.id.cluster}.${pc.id.proc}: lost (lose_job fault)`);
}
