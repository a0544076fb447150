import { userInfo } from 'node:os';
import * as ev from '../event-log/events';
import { appendEvent } from '../event-log/writer';
import { liveDaemonPid } from '../state/clusters';
import { type JobAd, JobStatus, jobIdOf, nowSeconds } from '../state/job-ad';
import { retireJob, updateJob } from '../state/queue-store';

export type ActionKind = 'remove' | 'hold' | 'release';

interface ActionSpec {
  tool: string;
  eligible: number[];
  status: number;
  apply(ad: JobAd, reason: string): void;
}

const { Idle, Running, Removed, Held, Suspended } = JobStatus;

const SPECS: Record<ActionKind, ActionSpec> = {
  remove: {
    tool: 'condor_rm',
    eligible: [Idle, Running, Held, Suspended, Removed],
    status: Removed,
    apply: (ad, reason) => (ad.RemoveReason = reason),
  },
  hold: {
    tool: 'condor_hold',
    eligible: [Idle, Running, Suspended],
    status: Held,
    apply: (ad, reason) =>
      Object.assign(ad, {
        HoldReason: reason,
        HoldReasonCode: 1,
        HoldReasonSubCode: 0,
      }),
  },
  release: {
    tool: 'condor_release',
    eligible: [Held],
    status: Idle,
    apply: (ad, reason) => (ad.ReleaseReason = reason),
  },
};

export function actionReason(kind: ActionKind): string {
  return `via ${SPECS[kind].tool} (by user ${userInfo().username})`;
}

/**
 * Marks one job the way the schedd does when a tool asks; the cluster's
 * daemon notices, stops the job and writes the event. Without a live
 * daemon (it crashed, or the job was lost) the tool finishes the job.
 */
export function markJob(home: string, ad: JobAd, kind: ActionKind): boolean {
  const spec = SPECS[kind];
  if (!spec.eligible.includes(Number(ad.JobStatus))) return false;
  const reason = actionReason(kind);
  const marked = updateJob(home, jobIdOf(ad), (current) => {
    const status = current.JobStatus ?? 0;
    if (!spec.eligible.includes(Number(status))) return false;
    if (status !== spec.status) current.LastJobStatus = status;
    current.JobStatus = spec.status;
    current.EnteredCurrentStatus = nowSeconds();
    spec.apply(current, reason);

    return true;
  });
  if (!marked) return false;
  if (liveDaemonPid(home, Number(ad.ClusterId)) === undefined) {
    finishWithoutDaemon(home, marked, kind, reason);
  }

  return true;
}

function finishWithoutDaemon(
  home: string,
  ad: JobAd,
  kind: ActionKind,
  reason: string,
): void {
  const id = jobIdOf(ad);
  const log = typeof ad.UserLog === 'string' ? ad.UserLog : undefined;
  if (kind === 'remove') {
    retireJob(home, id, (a) => delete a.RemoteHost);
    appendEvent(log, id, ev.aborted(reason));
  } else if (kind === 'hold') {
    appendEvent(log, id, ev.held(reason, 1, 0));
  } else {
    appendEvent(log, id, ev.released(reason));
  }
}
