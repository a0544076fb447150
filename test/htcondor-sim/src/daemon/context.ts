import type { JobEvent } from '../event-log/events';
import { appendEvent } from '../event-log/writer';
import type { Isolation } from '../execute/isolation';
import type { RunningJob } from '../execute/spawn-job';
import type { ClusterMeta } from '../state/clusters';
import type { JobFaultName } from '../state/faults';
import * as jobAd from '../state/job-ad';
import { readQueueAd, retireJob, updateJob } from '../state/queue-store';

type JobAd = jobAd.JobAd;

/** What every job of one daemon shares. */
export interface DaemonContext {
  home: string;
  meta: ClusterMeta;
  isolation: Isolation;
  running: Set<RunningJob>;
  stopping: boolean;
  log(message: string): void;
  nextScratchSeq(): number;
}

/** One job as the daemon follows it. */
export interface ProcContext {
  d: DaemonContext;
  id: jobAd.JobId;
  userLog: string | undefined;
  /** Job faults this job already went through (each applies once). */
  applied: Set<JobFaultName>;
  /** The JobStatus the daemon set last; a different one came from a tool. */
  expected: number;
}

export function slotName(pc: ProcContext): string {
  return `slot1_${pc.id.proc + 1}@${pc.d.meta.executeHost}`;
}

export function currentAd(pc: ProcContext): JobAd | undefined {
  return readQueueAd(pc.d.home, pc.id);
}

export function logEvent(pc: ProcContext, event: JobEvent): void {
  try {
    appendEvent(pc.userLog, pc.id, event);
  } catch (err) {
    const job = jobAd.formatJobId(pc.id);
    const why = (err as Error).message;
    pc.d.log(`${job}: cannot log event ${event.code} to ${pc.userLog}: ${why}`);
  }
}

/** Moves the job to a new JobStatus, as the schedd would record it. */
export function setStatus(
  pc: ProcContext,
  status: number,
  change: (ad: JobAd) => void = () => {},
): JobAd | undefined {
  pc.expected = status;

  return updateJob(pc.d.home, pc.id, (ad) => {
    stampStatus(ad, status);
    change(ad);
  });
}

/** Final status: the ad leaves the queue for history. */
export function finishJob(
  pc: ProcContext,
  status: number,
  change: (ad: JobAd) => void,
): JobAd | undefined {
  pc.expected = status;

  return retireJob(pc.d.home, pc.id, (ad) => {
    stampStatus(ad, status);
    change(ad);
  });
}

function stampStatus(ad: JobAd, status: number): void {
  if (ad.JobStatus !== status) ad.LastJobStatus = ad.JobStatus ?? 0;
  ad.JobStatus = status;
  ad.EnteredCurrentStatus = jobAd.nowSeconds();
}

/** Leaving a slot: RemoteHost becomes LastRemoteHost (schedd.cpp). */
export function leaveSlot(ad: JobAd): void {
  if (typeof ad.RemoteHost === 'string') ad.LastRemoteHost = ad.RemoteHost;
  delete ad.RemoteHost;
}
