import { type JobAd, JobStatus } from '../state/job-ad';
import { type ProcContext, currentAd } from './context';

export const POLL_MS = 100;

/** A change made from outside: a tool acted on the job, or it vanished. */
export type Interrupt =
  | { kind: 'removed'; ad: JobAd }
  | { kind: 'held'; ad: JobAd }
  | { kind: 'released'; ad: JobAd }
  | { kind: 'gone' }
  | { kind: 'shutdown' };

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Compares the queued ad with the status the daemon last set. */
export function checkInterrupt(pc: ProcContext): Interrupt | undefined {
  if (pc.d.stopping) return { kind: 'shutdown' };
  const ad = currentAd(pc);
  if (!ad) return { kind: 'gone' };
  const status = Number(ad.JobStatus);
  if (status === pc.expected) return undefined;
  if (status === JobStatus.Removed) return { kind: 'removed', ad };
  if (status === JobStatus.Held) return { kind: 'held', ad };
  if (status === JobStatus.Idle && pc.expected === JobStatus.Held) {
    return { kind: 'released', ad };
  }

  return undefined;
}

/**
 * Waits `ms` (or forever when undefined) while watching for interrupts
 * and for whatever `check` reports; returns the first that happens.
 */
export async function watch<T>(
  pc: ProcContext,
  ms: number | undefined,
  check: (ad: JobAd) => T | undefined = () => undefined,
): Promise<Interrupt | T | undefined> {
  const until = ms === undefined ? Number.POSITIVE_INFINITY : Date.now() + ms;
  for (;;) {
    const interrupt = checkInterrupt(pc);
    if (interrupt) return interrupt;
    const ad = currentAd(pc);
    const found = ad ? check(ad) : undefined;
    if (found !== undefined) return found;
    if (Date.now() >= until) return undefined;
    await sleep(Math.min(POLL_MS, Math.max(1, until - Date.now())));
  }
}
