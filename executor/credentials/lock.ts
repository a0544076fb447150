import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';

export interface HeldLock {
  release(): void;
}

export interface LockOptions {
  /** Give up waiting after this long. */
  timeoutMs: number;
  /** A lock older than this is taken to be left by a crash. */
  staleMs: number;
  pollMs?: number;
}

/**
 * A lock file made with O_EXCL, holding `pid host time`. A lock whose
 * process is gone (same host) or that is older than `staleMs` is broken:
 * renamed away first, so that of two waiters that both saw it stale only
 * one breaks it, and the other then finds a fresh lock.
 */
export async function acquireLock(path: string, o: LockOptions): Promise<HeldLock | undefined> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const held = tryCreate(path);
    if (held) return held;
    breakIfStale(path, o.staleMs);
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 100));
  }
}

function tryCreate(path: string): HeldLock | undefined {
  const mine = `${process.pid} ${hostname()} ${Date.now()}\n`;
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  writeSync(fd, mine);
  closeSync(fd);

  return {
    release() {
      if (readOrEmpty(path) === mine) rmSync(path, { force: true });
    },
  };
}

function breakIfStale(path: string, staleMs: number): void {
  const seen = readOrEmpty(path);
  if (seen === '' || !isStale(seen, staleMs)) return;
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  // Another waiter broke it first and a new holder took the name: put the
  // new holder's lock back where it belongs.
  if (readOrEmpty(aside) !== seen) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process holds the name now; it keeps it
    }
  }
  rmSync(aside, { force: true });
}

function isStale(text: string, staleMs: number): boolean {
  const [pid, host, time] = text.trim().split(' ');
  const age = Date.now() - Number(time);
  if (!Number.isFinite(age) || age > staleMs) return true;
  if (host !== hostname()) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
