import fs from 'fs';
import path from 'path';
import { applyWorkspaceChanges } from '../../../executor/workspace';
import { applyFromJob, createWorkspace, snapshotAll } from './apply-context';
import { snapshotTree, useTempDir } from './fixtures';
import { archive, dir, entry, file, pax, symlink } from './tar-builder';

const tempDir = useTempDir();

function setup() {
  const ctx = createWorkspace(tempDir());
  const outsideBefore = snapshotTree(ctx.outside);
  const at = (rel: string) => path.join(ctx.builds, rel);
  const mode = (rel: string) => fs.lstatSync(at(rel)).mode & 0o7777;
  const expectOutsideUntouched = () =>
    expect(snapshotTree(ctx.outside)).toEqual(outsideBefore);

  return { ctx, at, mode, expectOutsideUntouched };
}

test('strips setuid, setgid and sticky bits', async () => {
  const { ctx, mode } = setup();

  await applyFromJob(
    ctx,
    archive(
      file('P/suid', '#!/bin/sh\n', 0o4755),
      dir('P/shared', 0o3775),
      file('P/sgid', 'x', 0o2644),
    ),
  );

  expect(mode('P/suid')).toBe(0o755);
  expect(mode('P/shared')).toBe(0o775);
  expect(mode('P/sgid')).toBe(0o644);
});

test('a directory replacing a symlink to outside is made inside', async () => {
  const { ctx, at, expectOutsideUntouched } = setup();

  await applyFromJob(ctx, archive(dir('P/out'), file('P/out/f.txt', 'f')));

  expect(fs.lstatSync(at('P/out')).isDirectory()).toBe(true);
  expect(fs.readFileSync(at('P/out/f.txt'), 'utf8')).toBe('f');
  expectOutsideUntouched();
});

test('deletions remove symlinks, never their targets', async () => {
  const { ctx, at, expectOutsideUntouched } = setup();
  fs.symlinkSync(ctx.outside, at('P/sub/inner-link'));

  const result = await applyFromJob(ctx, archive(dir('P')), [
    'P/out',
    'P/sub',
    'P/sub/b.txt',
    'P/sub/inner-link',
  ]);

  expect(fs.readdirSync(at('P')).sort()).toEqual(['a.txt']);
  expect(result.deleted).toBe(4);
  expectOutsideUntouched();
});

test('a deletion below a file has nothing to delete', async () => {
  const { ctx, at } = setup();

  const result = await applyFromJob(ctx, archive(dir('P')), ['P/a.txt/ghost']);

  expect(result.deleted).toBe(0);
  expect(fs.readFileSync(at('P/a.txt'), 'utf8')).toBe('a\n');
});

test('a symlink replacing a file is created, not written through', async () => {
  const { ctx, at, expectOutsideUntouched } = setup();
  const target = path.join(ctx.outside, 'secret.txt');

  await applyFromJob(ctx, archive(symlink('P/a.txt', target)));

  expect(fs.readlinkSync(at('P/a.txt'))).toBe(target);
  expectOutsideUntouched();
});

test('follows a job that turned a directory into a file and back', async () => {
  const { ctx, at } = setup();

  await applyFromJob(
    ctx,
    archive(
      file('P/sub', 'now a file'),
      dir('P/a.txt'),
      file('P/a.txt/in', 'i'),
    ),
    ['P/sub/b.txt'],
  );

  expect(fs.readFileSync(at('P/sub'), 'utf8')).toBe('now a file');
  expect(fs.readFileSync(at('P/a.txt/in'), 'utf8')).toBe('i');
});

test('fills a read-only directory, then makes it read-only', async () => {
  const { ctx, at, mode } = setup();

  await applyFromJob(ctx, archive(dir('P/ro', 0o555), file('P/ro/f', 'f')));

  expect(mode('P/ro')).toBe(0o555);
  expect(fs.readFileSync(at('P/ro/f'), 'utf8')).toBe('f');
  fs.chmodSync(at('P/ro'), 0o755);
});

test('keeps mtimes and takes long names from pax and GNU headers', async () => {
  const { ctx, at } = setup();
  const long = `P/${'d'.repeat(120)}/${'f'.repeat(120)}`;
  const gnuLong = `P.tmp/${'g'.repeat(150)}`;

  await applyFromJob(
    ctx,
    archive(
      dir(path.dirname(long)),
      pax({ path: long, mtime: '1600000000.5' }),
      file('P/placeholder', 'long'),
      entry({ name: '././@LongLink', type: 'L' }, `${gnuLong}\0`),
      entry({ name: 'P.tmp/short', mtime: 1_500_000_000 }, 'gnu'),
    ),
  );

  expect(fs.readFileSync(at(long), 'utf8')).toBe('long');
  expect(fs.statSync(at(long)).mtimeMs).toBe(1_600_000_000_500);
  expect(fs.readFileSync(at(gnuLong), 'utf8')).toBe('gnu');
  expect(fs.statSync(at(gnuLong)).mtimeMs).toBe(1_500_000_000_000);
  expect(fs.existsSync(at('P/placeholder'))).toBe(false);
});

test('an empty archive and an empty list change nothing', async () => {
  const { ctx } = setup();
  const before = snapshotTree(ctx.builds);

  const result = await applyFromJob(ctx, Buffer.alloc(10240));

  expect(result).toEqual({ written: 0, bytes: 0, deleted: 0 });
  expect(snapshotTree(ctx.builds)).toEqual(before);
  expect(fs.readdirSync(ctx.builds).sort()).toEqual(['P', 'P.tmp']);
});

test('a missing archive is an apply error', async () => {
  const { ctx } = setup();

  await expect(
    applyWorkspaceChanges({
      projectDir: ctx.projectDir,
      archivePath: path.join(ctx.root, 'missing.tar'),
      deletedListPath: path.join(ctx.root, 'missing.bin'),
    }),
  ).rejects.toMatchObject({ reason: expect.stringContaining('cannot open') });
});

test('a full disk while staging leaves everything as it was', async () => {
  const { ctx } = setup();
  const before = snapshotAll(ctx);
  // Stands in for a staging file system that fills up after the first file.
  const realWrite = fs.writeSync;
  let writes = 0;
  const write = jest.spyOn(fs, 'writeSync').mockImplementation((...args) => {
    writes += 1;
    if (writes > 1) {
      throw Object.assign(new Error('ENOSPC: no space left on device'), {
        code: 'ENOSPC',
      });
    }
    return (realWrite as (...a: unknown[]) => number)(...args);
  });

  try {
    await expect(
      applyFromJob(
        ctx,
        archive(file('P/a.txt', 'changed'), file('P/new.txt', 'new')),
        ['P/sub/b.txt'],
      ),
    ).rejects.toMatchObject({
      reason: expect.stringContaining('ENOSPC'),
      partiallyApplied: false,
    });
  } finally {
    write.mockRestore();
  }

  expect(writes).toBe(2);
  expect(snapshotAll(ctx)).toEqual(before);
});
