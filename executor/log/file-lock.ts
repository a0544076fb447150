import { acquireLock } from '../credentials/lock';

export interface LockOptions {
  /** Give up after waiting this long for another holder. */
  waitMs: number;
  /** A lock older than this was left by a killed process. */
  staleMs: number;
}

const DEFAULTS: LockOptions = { waitMs: 10_000, staleMs: 30_000 };

/**
 * Runs `body` while holding `lockPath` (the same lock files as the proxy
 * renewal uses). Meant for bodies that take milliseconds.
 */
export async function withFileLock<T>(
  lockPath: string,
  body: () => T | Promise<T>,
  options: Partial<LockOptions> = {},
): Promise<T> {
  const o = { ...DEFAULTS, ...options };
  const lock = await acquireLock(lockPath, { timeoutMs: o.waitMs, staleMs: o.staleMs, pollMs: 20 });
  if (!lock) throw new Error(`${lockPath} is still held after ${o.waitMs} ms`);
  try {
    return await body();
  } finally {
    lock.release();
  }
}
