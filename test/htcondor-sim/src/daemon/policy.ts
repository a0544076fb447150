import { matches } from '../classad/evaluate';
import { unparseAdValue } from '../classad/ad-values';
import { formatTimeShort } from '../event-log/format';
import { type JobAd, isExpr, lookupAttr, nowSeconds, numberAttr } from '../state/job-ad';

export type PolicyAction =
  | { kind: 'remove'; reason: string }
  | { kind: 'hold'; reason: string; code: number; subcode: number }
  | { kind: 'release'; reason: string };

/** True when a policy attribute is set and evaluates to true right now. */
function fires(ad: JobAd, attr: string): string | undefined {
  const value = lookupAttr(ad, attr);
  if (value === undefined || value === false || value === null) return undefined;
  const text = isExpr(value) ? value.$expr : unparseAdValue(value);

  return matches(text, { ...ad, CurrentTime: nowSeconds() }) ? text : undefined;
}

const firedReason = (attr: string, text: string) => `The job attribute ${attr} expression '${text}' evaluated to TRUE`;

/** periodic_remove / periodic_hold, checked while the job is queued. */
export function periodicAction(ad: JobAd): PolicyAction | undefined {
  const remove = fires(ad, 'PeriodicRemove');
  if (remove) return { kind: 'remove', reason: firedReason('PeriodicRemove', remove) };
  const hold = fires(ad, 'PeriodicHold');
  if (hold) return { kind: 'hold', reason: firedReason('PeriodicHold', hold), code: 3, subcode: 0 };

  return undefined;
}

export function periodicRelease(ad: JobAd): PolicyAction | undefined {
  const release = fires(ad, 'PeriodicRelease');

  return release ? { kind: 'release', reason: firedReason('PeriodicRelease', release) } : undefined;
}

/** allowed_execute_duration (47) and allowed_job_duration (46) while running. */
export function durationHold(ad: JobAd, runningSec: number): PolicyAction | undefined {
  const execute = numberAttr(ad, 'AllowedExecuteDuration');
  if (execute !== undefined && runningSec > execute) {
    return { kind: 'hold', reason: `The job exceeded allowed execute duration of ${formatTimeShort(execute)}`, code: 47, subcode: 0 };
  }
  const job = numberAttr(ad, 'AllowedJobDuration');
  if (job !== undefined && runningSec > job) {
    return { kind: 'hold', reason: `The job exceeded allowed job duration of ${formatTimeShort(job)}`, code: 46, subcode: 0 };
  }

  return undefined;
}
