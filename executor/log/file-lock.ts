import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOptions {
  /** Give up after waiting this long for another holder. */
  waitMs: number;
  /** A lock older than this was left by a killed process. */
  staleMs: number;
}

const DEFAULTS: LockOptions = { waitMs: 10_000, staleMs: 30_000 };

/**
 * Runs `body` while holding `lockPath`, a file created with O_EXCL that
 * names its holder. Meant for bodies that take milliseconds: a lock whose
 * holder is gone, or that is older than `staleMs`, is taken over.
 */
export async function withFileLock<T>(
  lockPath: string,
  body: () => T | Promise<T>,
  options: Partial<LockOptions> = {},
): Promise<T> {
  const o = { ...DEFAULTS, ...options };
  await acquire(lockPath, o);
  try {
    return await body();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

async function acquire(lockPath: string, o: LockOptions): Promise<void> {
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    if (tryCreate(lockPath)) return;
    if (isStale(lockPath, o.staleMs)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`${lockPath} is still held after ${o.waitMs} ms`);
    }
    await sleep(10 + Math.floor(Math.random() * 40));
  }
}

function tryCreate(lockPath: string): boolean {
  try {
    writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isStale(lockPath: string, staleMs: number): boolean {
  try {
    const age = Date.now() - statSync(lockPath).mtimeMs;
    const holder = Number(readFileSync(lockPath, 'utf8').trim());

    return age > staleMs || !isAlive(holder);
  } catch {
    // Gone between our attempt and this look: try again at once.
    return false;
  }
}

function isAlive(pid: number): boolean {
  // An empty file is a holder between its create and its write.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
