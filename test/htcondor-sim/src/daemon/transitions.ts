import * as ev from '../event-log/events';
import type { ExitInfo } from '../execute/spawn-job';
import { type JobAd, JobStatus, nowSeconds } from '../state/job-ad';
import { forgetJob } from '../state/queue-store';
import { type ProcContext, finishJob, leaveSlot, logEvent, setStatus } from './context';

/**
 * Each transition updates the queue first and writes the event second, so
 * a reader who sees the event and then asks condor_q or condor_history
 * finds the job already in its new state.
 */
export function holdJob(pc: ProcContext, reason: string, code: number, subcode: number): void {
  setStatus(pc, JobStatus.Held, (ad) => {
    leaveSlot(ad);
    ad.HoldReason = reason;
    ad.HoldReasonCode = code;
    ad.HoldReasonSubCode = subcode;
    ad.NumHolds = Number(ad.NumHolds ?? 0) + 1;
  });
  logEvent(pc, ev.held(reason, code, subcode));
}

/** A hold a tool (condor_hold) already wrote into the ad. */
export function acknowledgeHold(pc: ProcContext, ad: JobAd): void {
  const reason = String(ad.HoldReason ?? 'via condor_hold');
  holdJob(pc, reason, Number(ad.HoldReasonCode ?? 1), Number(ad.HoldReasonSubCode ?? 0));
}

export function releaseJob(pc: ProcContext, reason: string): void {
  setStatus(pc, JobStatus.Idle, (ad) => {
    ad.LastHoldReason = ad.HoldReason ?? null;
    ad.LastHoldReasonCode = ad.HoldReasonCode ?? null;
    delete ad.HoldReason;
    delete ad.HoldReasonCode;
    delete ad.HoldReasonSubCode;
    delete ad.ReleaseReason;
  });
  logEvent(pc, ev.released(reason));
}

export function removeJob(pc: ProcContext, reason: string): void {
  finishJob(pc, JobStatus.Removed, (ad) => {
    leaveSlot(ad);
    ad.RemoveReason = reason;
  });
  logEvent(pc, ev.aborted(reason));
}

export function evictJob(pc: ProcContext, stats: ev.RunStats, wallSec: number): void {
  setStatus(pc, JobStatus.Idle, (ad) => {
    leaveSlot(ad);
    addWallClock(ad, wallSec);
    ad.NumRestarts = Number(ad.NumRestarts ?? 0) + 1;
  });
  logEvent(pc, ev.evicted(stats));
}

export function completeJob(pc: ProcContext, exit: ExitInfo, stats: ev.RunStats, wallSec: number): void {
  const at = new Date();
  const how: ev.Termination = exit.signal !== undefined ? { signal: exit.signal } : { exitCode: exit.exitCode };
  finishJob(pc, JobStatus.Completed, (ad) => {
    leaveSlot(ad);
    addWallClock(ad, wallSec);
    ad.CompletionDate = nowSeconds();
    ad.ExitBySignal = exit.signal !== undefined;
    if (exit.signal !== undefined) ad.ExitSignal = exit.signal;
    else ad.ExitCode = exit.exitCode;
    ad.ExitStatus = exit.signal ?? exit.exitCode;
    ad.NumJobCompletions = Number(ad.NumJobCompletions ?? 0) + 1;
    ad.ToE = toeRecord(exit, at);
  });
  logEvent(pc, ev.terminated(how, stats, at));
}

function toeRecord(exit: ExitInfo, at: Date): JobAd {
  const record: JobAd = { Who: 'itself', How: 'OF_ITS_OWN_ACCORD', HowCode: 0, When: Math.floor(at.getTime() / 1000) };
  if (exit.signal !== undefined) record.ExitBySignal = true;
  if (exit.signal !== undefined) record.ExitSignal = exit.signal;
  else record.ExitCode = exit.exitCode;

  return record;
}

function addWallClock(ad: JobAd, wallSec: number): void {
  ad.RemoteWallClockTime = Number(ad.RemoteWallClockTime ?? 0) + wallSec;
  ad.CumulativeSlotTime = Number(ad.CumulativeSlotTime ?? 0) + wallSec;
}

/** The job leaves the queue without a trace and its log goes silent. */
export function loseJob(pc: ProcContext): void {
  forgetJob(pc.d.home, pc.id);
  pc.d.log(`job ${pc.id.cluster}.${pc.id.proc}: lost on purpose (lose_job fault)`);
}
