import { matches } from '../classad/evaluate';
import * as faults from '../state/faults';
import type { JobAd } from '../state/job-ad';
import type { ProcContext } from './context';

/** Running faults fire this long after the start unless `after_ms` says. */
const DEFAULT_AFTER_MS = 500;

export type DueFault =
  | { kind: 'lose' }
  | { kind: 'evict' }
  | { kind: 'hold'; reason: string; code: number; subcode: number };

/** Whether fault `name` hits this job now; marks it as used when it does. */
function applies(
  pc: ProcContext,
  all: faults.SimFaults,
  name: faults.JobFaultName,
  ad: JobAd,
  runningMs?: number,
): boolean {
  const spec = faults.jobFault(all, name);
  if (!spec || pc.applied.has(name)) return false;
  if (spec.constraint && !safeMatch(spec.constraint, ad)) return false;
  const after = spec.after_ms ?? DEFAULT_AFTER_MS;
  if (runningMs !== undefined && runningMs < after) return false;
  pc.applied.add(name);

  return true;
}

function safeMatch(constraint: string, ad: JobAd): boolean {
  try {
    return matches(constraint, ad);
  } catch {
    return false;
  }
}

/** The fault that is due for a running job, read fresh from faults.json. */
export function dueRunningFault(
  pc: ProcContext,
  ad: JobAd,
  runningMs: number,
): DueFault | undefined {
  const all = faults.readFaults(pc.d.home);
  if (applies(pc, all, 'lose_job', ad, runningMs)) return { kind: 'lose' };
  if (applies(pc, all, 'evict_once', ad, runningMs)) return { kind: 'evict' };
  const hold = all.hold;
  if (hold && applies(pc, all, 'hold', ad, runningMs)) {
    const reason = hold.reason ?? 'Simulated hold';
    const subcode = hold.subcode ?? 0;
    return { kind: 'hold', reason, code: hold.code, subcode };
  }

  return undefined;
}

/** Whether output transfer of this job should fail (once). */
export function outputTransferFails(pc: ProcContext, ad: JobAd): boolean {
  const all = faults.readFaults(pc.d.home);

  return applies(pc, all, 'output_transfer_error', ad);
}

/** `queue_delay_ms` in faults.json wins over the submit-time setting. */
export function queueDelay(pc: ProcContext): number {
  const fromFaults = faults.readFaults(pc.d.home).queue_delay_ms;
  const valid = typeof fromFaults === 'number' && fromFaults >= 0;

  return valid ? fromFaults : pc.d.meta.queueDelayMs;
}
