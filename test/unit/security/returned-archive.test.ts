import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { WorkspaceApplyError, applyWorkspaceChanges } from '../../../executor/workspace';
import { SystemFailure } from '../../../executor/errors';
import { finishJob, returnLimits } from '../../../executor/stages/remote/finish';
import { defaultSettings } from '../../../executor/settings/defaults';
import {
  applyFromJob,
  createWorkspace,
  snapshotAll,
  type ApplyContext,
} from '../workspace/apply-context';
import { snapshotTree, useTempDir } from '../workspace/fixtures';
import {
  archive,
  dir,
  entry,
  file,
  header,
  pax,
  symlink,
  writeChecksum,
} from '../workspace/tar-builder';
import { writeManyEmptyFiles, writeSparseArchive } from './big-archives';

const tempDir = useTempDir();
const TEN_GB = 10_000_000_000n;
const DEFAULTS = returnLimits(defaultSettings());

/** Where a test writes archives too big for the snapshot to read. */
type MakeArchive = (jobDir: string) => string;

/** Applies an archive file the test wrote itself, with an empty list. */
async function applyFile(ctx: ApplyContext, make: MakeArchive) {
  const jobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'returned-'));
  try {
    const deletedListPath = path.join(jobDir, 'deleted.bin');
    fs.writeFileSync(deletedListPath, '');
    const archivePath = make(jobDir);
    return await applyWorkspaceChanges({
      projectDir: ctx.projectDir,
      archivePath,
      deletedListPath,
      limits: DEFAULTS,
    });
  } finally {
    fs.rmSync(jobDir, { recursive: true, force: true });
  }
}

async function expectRefused(applying: Promise<unknown>, reason: RegExp) {
  await expect(applying).rejects.toThrow(WorkspaceApplyError);
  await expect(applying).rejects.toMatchObject({
    reason: expect.stringMatching(reason),
    partiallyApplied: false,
  });
}

/** Refused, with every file under the temp dir exactly as before. */
async function expectRefusedUntouched(
  ctx: ApplyContext,
  tar: Buffer | MakeArchive,
  reason: RegExp,
  deleted: string[] | Buffer = [],
) {
  const before = snapshotAll(ctx);
  const applying = Buffer.isBuffer(tar)
    ? applyFromJob(ctx, tar, deleted, DEFAULTS)
    : applyFile(ctx, tar);
  await expectRefused(applying, reason);
  expect(snapshotAll(ctx)).toEqual(before);
}

const MARKER = 'gitlab-htcondor-executor-test-marker.txt';

test('a symlink to /etc, then a file through it: refused, /etc untouched', async () => {
  const ctx = createWorkspace(tempDir());
  const tar = archive(symlink('P/etc', '/etc'), file(`P/etc/${MARKER}`, 'evil'));
  await expectRefusedUntouched(ctx, tar, /below the symlink P\/etc/);
  expect(fs.existsSync(`/etc/${MARKER}`)).toBe(false);
});

test('a symlink in the workspace replaced by a directory: the file lands inside', async () => {
  const ctx = createWorkspace(tempDir());
  const outsideBefore = snapshotAll(ctx);
  await applyFromJob(ctx, archive(dir('P/out'), file('P/out/inside.txt', 'in')), [], DEFAULTS);

  expect(fs.lstatSync(path.join(ctx.projectDir, 'out')).isDirectory()).toBe(true);
  expect(fs.readFileSync(path.join(ctx.projectDir, 'out/inside.txt'), 'utf8')).toBe('in');
  const outside = (s: Record<string, string>) =>
    Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith('outside')));
  expect(outside(snapshotAll(ctx))).toEqual(outside(outsideBefore));
});

test.each([
  ['a block device', entry({ name: 'P/sda', type: '4' }), /block device/],
  [
    'a hard link to outside',
    entry({ name: 'P/h', type: '1', linkname: '/etc/passwd' }),
    /hard link/,
  ],
  ['a FIFO', entry({ name: 'P/fifo', type: '6' }), /FIFO/],
  ['a name with a newline and ..', file('P/x\n../../escaped', 'x'), /"\."|"\.\."/],
  [
    'a pax path that is not UTF-8',
    Buffer.concat([paxRaw('path', Buffer.from([0x50, 0x2f, 0xc3])), file('P/a', 'a')]),
    /not valid UTF-8/,
  ],
  [
    'a link target that is not UTF-8',
    writeChecksum(header({ name: 'P/l', type: '2', linkname: 'ok' }).fill(0xff, 157, 158)),
    /not valid UTF-8/,
  ],
])('%s is refused and nothing changes', async (_what, part, reason) => {
  const ctx = createWorkspace(tempDir());
  await expectRefusedUntouched(ctx, archive(part), reason);
});

test('setuid, setgid and sticky bits are never applied', async () => {
  const ctx = createWorkspace(tempDir());
  const tar = archive(dir('P/bits', 0o3777), file('P/bits/suid', '#!/bin/sh\n', 0o6755));
  await applyFromJob(ctx, tar, [], DEFAULTS);

  expect(fs.statSync(path.join(ctx.projectDir, 'bits/suid')).mode & 0o7777).toBe(0o755);
  expect(fs.statSync(path.join(ctx.projectDir, 'bits')).mode & 0o7777).toBe(0o777);
});

test('a name with a newline is written exactly there, inside the project', async () => {
  const ctx = createWorkspace(tempDir());
  await applyFromJob(ctx, archive(file('P/line\nbreak.txt', 'nl')), ['P/a.txt'], DEFAULTS);

  expect(fs.readdirSync(ctx.projectDir).sort()).toEqual(['line\nbreak.txt', 'out', 'sub']);
  await applyFromJob(ctx, archive(), ['P/line\nbreak.txt'], DEFAULTS);
  expect(fs.readdirSync(ctx.projectDir).sort()).toEqual(['out', 'sub']);
});

test('a deletion list naming a path that is not UTF-8 is refused', async () => {
  const ctx = createWorkspace(tempDir());
  const list = Buffer.concat([Buffer.from('P/a'), Buffer.from([0xff, 0]), Buffer.from('P/sub\0')]);
  await expectRefusedUntouched(ctx, archive(), /not valid UTF-8/, list);
});

function paxRaw(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let length = body.length + 2;
  if (String(length).length !== 2) length = body.length + String(length).length;
  const record = Buffer.concat([Buffer.from(String(length)), body]);
  return entry({ name: 'PaxHeader', type: 'x' }, record);
}

describe('a file of 10 GB declared sparse', () => {
  test('as an old GNU sparse header: refused by type', async () => {
    const ctx = createWorkspace(tempDir());
    const block = header({ name: 'P/big', type: 'S', format: 'gnu' });
    block[483] = 0x80;
    block.writeBigUInt64BE(TEN_GB, 492 - 4);
    await expectRefusedUntouched(ctx, archive(writeChecksum(block)), /GNU sparse file/);
  });

  test('as pax GNU.sparse records: refused as a key that changes the data', async () => {
    const ctx = createWorkspace(tempDir());
    const records = pax({
      'GNU.sparse.major': '1',
      'GNU.sparse.minor': '0',
      'GNU.sparse.name': 'P/big',
      'GNU.sparse.realsize': String(TEN_GB),
    });
    const tar = archive(records, file('P/GNUSparseFile.0/big', '1\n0\n0\n'));
    await expectRefusedUntouched(ctx, tar, /unsupported key "GNU\.sparse/);
  });

  test.each(['gnu', 'posix'])('as GNU tar --sparse --format=%s writes it', async (format) => {
    const ctx = createWorkspace(tempDir());
    const make = (jobDir: string) => {
      const src = path.join(jobDir, 'src');
      fs.mkdirSync(path.join(src, 'P'), { recursive: true });
      const fd = fs.openSync(path.join(src, 'P', 'big'), 'w');
      fs.ftruncateSync(fd, Number(TEN_GB));
      fs.closeSync(fd);
      const out = path.join(jobDir, 'big.tar');
      execFileSync('tar', ['--sparse', `--format=${format}`, '-cf', out, '-C', src, 'P/big']);
      fs.rmSync(src, { recursive: true });
      return out;
    };
    await expectRefusedUntouched(ctx, make, /GNU sparse file|unsupported key "GNU\.sparse/);
  });

  test('as a plain entry of an archive full of holes: refused by the file limit', async () => {
    const ctx = createWorkspace(tempDir());
    const make = (jobDir: string) => {
      const out = path.join(jobDir, 'big.tar');
      writeSparseArchive(out, ['P/big'], TEN_GB);
      return out;
    };
    const reason = /declares a file of 10000000000 bytes, more than the limit of 5368709120/;
    await expectRefusedUntouched(ctx, make, reason);
  });
});

test('an archive bomb (30 × 1 GiB held as holes): refused before anything is staged', async () => {
  const ctx = createWorkspace(tempDir());
  const names = Array.from({ length: 30 }, (_, i) => `P/bomb${i}`);
  let apparent = 0;
  const make = (jobDir: string) => {
    const out = path.join(jobDir, 'big.tar');
    apparent = writeSparseArchive(out, names, 1n << 30n);
    return out;
  };
  const started = Date.now();
  await expectRefusedUntouched(ctx, make, /declares more than 10737418240 bytes in all/);
  expect(apparent).toBeGreaterThan(30 * 2 ** 30);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a million tiny files: refused by the entry limit, quickly, nothing written', async () => {
  const ctx = createWorkspace(tempDir());
  const started = Date.now();
  const make = (jobDir: string) => {
    const out = path.join(jobDir, 'big.tar');
    writeManyEmptyFiles(out, 1_000_000);
    return out;
  };
  await expectRefusedUntouched(ctx, make, /more than 200000 entries/);
  expect(Date.now() - started).toBeLessThan(20_000);
}, 60_000);

test('a million deletions: refused by the entry limit', async () => {
  const ctx = createWorkspace(tempDir());
  const list = Buffer.from(Array.from({ length: 1_000_000 }, (_, i) => `P/gone${i}\0`).join(''));
  await expectRefusedUntouched(ctx, archive(), /more than 200000 paths/, list);
});

test('the limits are the settings: a lower max_returned_entries refuses sooner', async () => {
  const ctx = createWorkspace(tempDir());
  const settings = defaultSettings();
  settings.workspace.max_returned_entries = 2;
  const tar = archive(file('P/1', '1'), file('P/2', '2'), file('P/3', '3'));
  const applying = applyFromJob(ctx, tar, [], returnLimits(settings));
  await expectRefused(applying, /more than 2 entries/);
});

test('a refused archive ends the stage as a system failure, workspace unchanged', async () => {
  const ctx = createWorkspace(tempDir());
  const stage = path.join(ctx.root, 'stage');
  fs.mkdirSync(stage);
  fs.writeFileSync(path.join(stage, 'job-result.txt'), 'exit_code=0\n');
  const fifo = archive(entry({ name: 'P/f', type: '6' }));
  fs.writeFileSync(path.join(stage, 'workspace-out.tar'), fifo);
  fs.writeFileSync(path.join(stage, 'workspace-deleted.bin'), '');
  const files = {
    dir: stage, wrapper: '', script: '', eventLog: '', output: '', inputs: [], outputs: [],
  };
  const before = snapshotTree(ctx.builds);
  const end = { exitedNormally: true, exitCode: 0, signal: 0 };

  const finishing = finishJob(files, end, ctx.projectDir, true, () => undefined, DEFAULTS);
  await expect(finishing).rejects.toThrow(SystemFailure);
  await expect(finishing).rejects.toThrow(
    /could not be applied .*; the workspace is unchanged: .*FIFO/,
  );
  expect(snapshotTree(ctx.builds)).toEqual(before);
});
