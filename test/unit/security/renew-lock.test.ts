import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock } from '../../../executor/credentials/lock';

let dir: string;
let lockFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lock-'));
  lockFile = join(dir, 'proxy-renewal.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const quick = { timeoutMs: 300, staleMs: 60_000, pollMs: 20 };

/** The pid of a process that has just ended. */
function deadPid(): number {
  return spawnSync('true').pid ?? 999_999;
}

test('one holder at a time; released, the next one gets it', async () => {
  const first = await acquireLock(lockFile, quick);
  expect(first).toBeDefined();
  expect(await acquireLock(lockFile, quick)).toBeUndefined();
  first?.release();
  expect(existsSync(lockFile)).toBe(false);
  expect(await acquireLock(lockFile, quick)).toBeDefined();
});

test('many waiters in turn: never two inside at once', async () => {
  let inside = 0;
  let most = 0;
  const worker = async () => {
    const lock = await acquireLock(lockFile, { ...quick, timeoutMs: 10_000 });
    inside++;
    most = Math.max(most, inside);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inside--;
    lock?.release();
    return lock !== undefined;
  };
  const got = await Promise.all(Array.from({ length: 20 }, worker));
  expect(got.every(Boolean)).toBe(true);
  expect(most).toBe(1);
});

test.each([
  ['left by a process that is gone', () => `${deadPid()} ${hostname()} ${Date.now()}\n`],
  ['older than the stale age', () => `${process.pid} ${hostname()} ${Date.now() - 120_000}\n`],
  ['unreadable garbage', () => 'garbage\n'],
])('a lock %s is broken', async (_what, content) => {
  writeFileSync(lockFile, content());
  const lock = await acquireLock(lockFile, quick);
  expect(lock).toBeDefined();
  lock?.release();
  expect(readdirSync(dir)).toEqual([]);
});

test.each([
  ['of a live process here', () => `${process.pid} ${hostname()} ${Date.now()}\n`],
  ['of another host', () => `${deadPid()} other-host.example.org ${Date.now()}\n`],
])('a fresh lock %s is waited for, not broken', async (_what, content) => {
  writeFileSync(lockFile, content());
  expect(await acquireLock(lockFile, quick)).toBeUndefined();
  expect(existsSync(lockFile)).toBe(true);
});

test('a release after the lock was broken leaves the new holder alone', async () => {
  const old = await acquireLock(lockFile, quick);
  writeFileSync(lockFile, `${deadPid()} ${hostname()} ${Date.now()}\n`);
  const current = await acquireLock(lockFile, quick);
  old?.release();
  expect(existsSync(lockFile)).toBe(true);
  current?.release();
  expect(existsSync(lockFile)).toBe(false);
});
