import { matches } from '../classad/evaluate';
import { type JobFaultName, type SimFaults, jobFault, readFaults } from '../state/faults';
import type { JobAd } from '../state/job-ad';
import type { ProcContext } from './context';

/** Running faults fire this long after the job started, unless `after_ms` says otherwise. */
const DEFAULT_AFTER_MS = 500;

export type DueFault =
  | { kind: 'lose' }
  | { kind: 'evict' }
  | { kind: 'hold'; reason: string; code: number; subcode: number };

function applies(pc: ProcContext, faults: SimFaults, name: JobFaultName, ad: JobAd, runningMs?: number): boolean {
  const spec = jobFault(faults, name);
  if (!spec || pc.applied.has(name)) return false;
  if (spec.constraint && !safeMatch(spec.constraint, ad)) return false;
  if (runningMs !== undefined && runningMs < (spec.after_ms ?? DEFAULT_AFTER_MS)) return false;
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
export function dueRunningFault(pc: ProcContext, ad: JobAd, runningMs: number): DueFault | undefined {
  const faults = readFaults(pc.d.home);
  if (applies(pc, faults, 'lose_job', ad, runningMs)) return { kind: 'lose' };
  if (applies(pc, faults, 'evict_once', ad, runningMs)) return { kind: 'evict' };
  if (faults.hold && applies(pc, faults, 'hold', ad, runningMs)) {
    const h = faults.hold;
    return { kind: 'hold', reason: h.reason ?? 'Simulated hold', code: h.code, subcode: h.subcode ?? 0 };
  }

  return undefined;
}

/** Whether output transfer of this job should fail (once). */
export function outputTransferFails(pc: ProcContext, ad: JobAd): boolean {
  return applies(pc, readFaults(pc.d.home), 'output_transfer_error', ad);
}

/** `queue_delay_ms` in faults.json wins over the submit-time setting. */
export function queueDelay(pc: ProcContext): number {
  const fromFaults = readFaults(pc.d.home).queue_delay_ms;

  return typeof fromFaults === 'number' && fromFaults >= 0 ? fromFaults : pc.d.meta.queueDelayMs;
}
