import {
  closeSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** A lock older than this is left over from a crashed process. */
const STALE_MS = 10_000;
const GIVE_UP_MS = 15_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Runs `fn` while holding an exclusive lock file. The tools are short-lived
 * processes, so a synchronous lock keeps every read-modify-write of the
 * queue atomic without a server.
 */
export function withLock<T>(lockDir: string, name: string, fn: () => T): T {
  const file = join(lockDir, `${name}.lock`);
  acquire(file);
  try {
    return fn();
  } finally {
    rmSync(file, { force: true });
  }
}

function acquire(file: string): void {
  const started = Date.now();
  for (;;) {
    if (tryCreate(file)) return;
    if (isStale(file)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() - started > GIVE_UP_MS) {
      throw new Error(`could not lock ${file} within ${GIVE_UP_MS} ms`);
    }
    sleepSync(5);
  }
}

function tryCreate(file: string): boolean {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);

    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function isStale(file: string): boolean {
  try {
    if (Date.now() - statSync(file).mtimeMs > STALE_MS) return true;
    const pid = Number(readFileSync(file, 'utf8'));

    return pid > 0 && !isAlive(pid);
  } catch {
    return false;
  }
}

/**
 * Whether a process still runs. A daemon whose parent (condor_submit) has
 * exited is reaped by init, which can take a while: a zombie counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }

  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
