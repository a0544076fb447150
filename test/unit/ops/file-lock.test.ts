import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileLock } from '../../../executor/log/file-lock';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-lock-'));
  lock = join(dir, 'x.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a holder writes into the lock: pid, host and time. */
function holder(pid: number, at = Date.now()): string {
  return `${pid} ${hostname()} ${at}\n`;
}

/** A pid that surely belongs to no process any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, [
    '-e',
    'process.stdout.write(String(process.pid))',
  ]);

  return Number(child.stdout.toString());
}

test('the body runs under the lock, which is gone afterwards', async () => {
  const seen = await withFileLock(lock, () => existsSync(lock));

  expect(seen).toBe(true);
  expect(existsSync(lock)).toBe(false);
});

test('the lock goes even when the body throws', async () => {
  await expect(withFileLock(lock, () => {
    throw new Error('boom');
  })).rejects.toThrow('boom');
  expect(existsSync(lock)).toBe(false);
});

test('a lock of a process that is gone is taken over', async () => {
  writeFileSync(lock, holder(deadPid()));

  const ran = withFileLock(lock, () => 'ran', { waitMs: 200 });

  await expect(ran).resolves.toBe('ran');
});

test('a lock older than staleMs is taken over, its holder alive', async () => {
  writeFileSync(lock, holder(process.pid, Date.now() - 60_000));

  const options = { waitMs: 200, staleMs: 30_000 };

  await expect(withFileLock(lock, () => 'ran', options)).resolves.toBe('ran');
});

test('a fresh lock of a live process makes us wait, then give up', async () => {
  writeFileSync(lock, holder(process.pid));
  const started = Date.now();

  const ran = withFileLock(lock, () => 'ran', { waitMs: 150 });

  await expect(ran).rejects.toThrow(/still held/);
  expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  expect(existsSync(lock)).toBe(true);
});

test('waiters run one after the other once the holder lets go', async () => {
  const order: string[] = [];
  const slow = withFileLock(lock, async () => {
    order.push('first in');
    await new Promise((r) => setTimeout(r, 100));
    order.push('first out');
  });
  const second = withFileLock(lock, () => order.push('second'));
  await Promise.all([slow, second]);

  expect(order).toEqual(['first in', 'first out', 'second']);
});
