import { unparseAdValue } from '../classad/ad-values';
import { matches } from '../classad/evaluate';
import { formatTimeShort } from '../event-log/format';
import * as jobAd from '../state/job-ad';

type JobAd = jobAd.JobAd;

export type PolicyAction =
  | { kind: 'remove'; reason: string }
  | { kind: 'hold'; reason: string; code: number; subcode: number }
  | { kind: 'release'; reason: string };

/** The expression text when a policy attribute is true right now. */
function fires(ad: JobAd, attr: string): string | undefined {
  const value = jobAd.lookupAttr(ad, attr);
  if (value === undefined || value === null || value === false) {
    return undefined;
  }
  const text = jobAd.isExpr(value) ? value.$expr : unparseAdValue(value);
  const now = { ...ad, CurrentTime: jobAd.nowSeconds() };

  return matches(text, now) ? text : undefined;
}

function firedReason(attr: string, text: string): string {
  return `The job attribute ${attr} expression '${text}' evaluated to TRUE`;
}

/** periodic_remove / periodic_hold, checked while the job is queued. */
export function periodicAction(ad: JobAd): PolicyAction | undefined {
  const remove = fires(ad, 'PeriodicRemove');
  if (remove) {
    return { kind: 'remove', reason: firedReason('PeriodicRemove', remove) };
  }
  const hold = fires(ad, 'PeriodicHold');
  if (hold) {
    const reason = firedReason('PeriodicHold', hold);
    return { kind: 'hold', reason, code: 3, subcode: 0 };
  }

  return undefined;
}

export function periodicRelease(ad: JobAd): PolicyAction | undefined {
  const release = fires(ad, 'PeriodicRelease');
  if (!release) return undefined;

  return { kind: 'release', reason: firedReason('PeriodicRelease', release) };
}

const DURATIONS: [string, string, number][] = [
  ['AllowedExecuteDuration', 'execute', 47],
  ['AllowedJobDuration', 'job', 46],
];

/** allowed_execute_duration (47) and allowed_job_duration (46). */
export function durationHold(ad: JobAd, runningSec: number) {
  for (const [attr, what, code] of DURATIONS) {
    const limit = jobAd.numberAttr(ad, attr);
    if (limit === undefined || runningSec <= limit) continue;
    const reason =
      `The job exceeded allowed ${what} duration of ${formatTimeShort(limit)}`;
    return { kind: 'hold', reason, code, subcode: 0 } as PolicyAction;
  }

  return undefined;
}
