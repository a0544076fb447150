import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { WorkspaceApplyError } from '../../../executor/workspace';
import {
  ApplyContext,
  applyFromJob,
  createWorkspace,
  snapshotAll,
} from './apply-context';
import { useTempDir } from './fixtures';
import {
  archive,
  dir,
  entry,
  file,
  header,
  pax,
  symlink,
  writeChecksum,
} from './tar-builder';

const tempDir = useTempDir();

type Case = {
  prepare?: (ctx: ApplyContext) => void;
  tar: (ctx: ApplyContext) => Buffer;
  deleted?: (ctx: ApplyContext) => string[] | Buffer;
  limits?: Record<string, number>;
  reason: RegExp;
};

const MIB = 1024 * 1024;
const fine = file('P/fine.txt', 'fine\n');

const CASES: Record<string, Case> = {
  'an absolute path': {
    tar: (ctx) => archive(fine, file(path.join(ctx.outside, 'x'), 'x')),
    reason: /is absolute/,
  },
  'a .. component': {
    tar: () => archive(fine, file('P/../escaped.txt', 'x')),
    reason: /"\." or "\.\."/,
  },
  'an empty component': {
    tar: () => archive(file('P//x', 'x')),
    reason: /empty/,
  },
  'a symlink to outside, then a file through it': {
    tar: (ctx) =>
      archive(symlink('P/l', ctx.outside), file('P/l/evil.txt', 'evil')),
    reason: /below the symlink P\/l/,
  },
  'a file through a symlink already in the workspace': {
    tar: () => archive(fine, file('P/out/evil.txt', 'evil')),
    reason: /below the symlink P\/out/,
  },
  'a symlink replaced by a directory in the same archive': {
    tar: (ctx) =>
      archive(
        symlink('P/d', ctx.outside),
        dir('P/d'),
        file('P/d/evil.txt', 'evil'),
      ),
    reason: /twice/,
  },
  'a hard link': {
    tar: () => archive(entry({ name: 'P/h', type: '1', linkname: 'P/a.txt' })),
    reason: /hard link/,
  },
  'a character device': {
    tar: () => archive(entry({ name: 'P/null', type: '3' })),
    reason: /character device/,
  },
  'a FIFO': {
    tar: () => archive(entry({ name: 'P/pipe', type: '6' })),
    reason: /FIFO/,
  },
  'a name outside P and P.tmp': {
    tar: () => archive(fine, file('Q/x.txt', 'x')),
    reason: /outside P and P\.tmp/,
  },
  'a sibling that only starts like P.tmp': {
    tar: () => archive(file('P.tmpx/x.txt', 'x')),
    reason: /outside/,
  },
  'a project dir that is a file': {
    tar: () => archive(file('P', 'x')),
    reason: /must be a directory/,
  },
  'a P.tmp that is a symlink': {
    tar: (ctx) => archive(symlink('P.tmp', ctx.outside)),
    reason: /must be a directory/,
  },
  'writing into an existing P.tmp that is a symlink': {
    prepare: (ctx) => {
      fs.rmSync(`${ctx.projectDir}.tmp`, { recursive: true });
      fs.symlinkSync(ctx.outside, `${ctx.projectDir}.tmp`);
    },
    tar: () => archive(file('P.tmp/evil.txt', 'evil')),
    reason: /"P\.tmp" is a symlink in the workspace/,
  },
  'a file below an existing file': {
    tar: () => archive(file('P/a.txt/x', 'x')),
    reason: /below the file P\/a\.txt/,
  },
  'an archive cut inside a file': {
    tar: () => archive(fine, file('P/big', 'z'.repeat(4096))).subarray(0, 2000),
    reason: /truncated/,
  },
  'an archive cut between two entries': {
    tar: () => Buffer.concat([fine, file('P/next', 'n')]),
    reason: /truncated/,
  },
  'a lone zero block in mid-archive': {
    tar: () => archive(fine, Buffer.alloc(512), file('P/hidden', 'h')),
    reason: /single zero block/,
  },
  'a declared size of a terabyte': {
    tar: () => archive(entry({ name: 'P/bomb', hugeSize: 1n << 40n }, 'x')),
    reason: /declares a file of 1099511627776 bytes/,
  },
  'a declared size larger than the data': {
    tar: () => archive(entry({ name: 'P/big', size: 8 * MIB }, 'tiny')),
    reason: /truncated/,
  },
  'files beyond the total limit': {
    tar: () =>
      archive(file('P/1', 'x'.repeat(600)), file('P/2', 'y'.repeat(600))),
    limits: { maxTotalBytes: 1000 },
    reason: /more than 1000 bytes in all/,
  },
  'more entries than allowed': {
    tar: () => archive(file('P/1', '1'), file('P/2', '2'), file('P/3', '3')),
    limits: { maxEntries: 2 },
    reason: /more than 2 entries/,
  },
  'a path longer than allowed': {
    tar: () => archive(file(`P/${'x'.repeat(40)}`, 'x')),
    limits: { maxPathLength: 20 },
    reason: /longer than 20 bytes/,
  },
  'a gzip-compressed archive': {
    tar: () =>
      zlib.gzipSync(archive(entry({ name: 'P/noise' }, randomBytes(4096)))),
    reason: /corrupt or not a tar file/,
  },
  'a bad header checksum': {
    tar: () => {
      const tar = archive(fine, file('P/x', 'x'));
      tar.writeUInt8(tar.readUInt8(1024 + 5) ^ 1, 1024 + 5);
      return tar;
    },
    reason: /checksum/,
  },
  'a global pax header': {
    tar: () => archive(pax({ path: 'P/g' }, 'g'), fine),
    reason: /global pax header/,
  },
  'a pax key that changes the meaning of the data': {
    tar: () => archive(pax({ 'GNU.sparse.size': '9999' }), fine),
    reason: /unsupported key/,
  },
  'a pax path with ..': {
    tar: () => archive(pax({ path: 'P/../../escaped' }), fine),
    reason: /"\.\."/,
  },
  'a GNU long name that is absolute': {
    tar: (ctx) =>
      archive(
        entry({ name: '././@LongLink', type: 'L' }, `${ctx.outside}/x\0`),
        fine,
      ),
    reason: /absolute/,
  },
  'a name that is not UTF-8': {
    tar: () => archive(writeChecksum(header({ name: 'P/x' }).fill(0xff, 2, 3))),
    reason: /not valid UTF-8/,
  },
  'a deletion with ..': {
    tar: () => archive(),
    deleted: () => ['P/../outside/secret.txt'],
    reason: /"\.\."/,
  },
  'an absolute deletion': {
    tar: () => archive(),
    deleted: (ctx) => [path.join(ctx.outside, 'secret.txt')],
    reason: /absolute/,
  },
  'a deletion through a symlink in the workspace': {
    tar: () => archive(),
    deleted: () => ['P/out/secret.txt'],
    reason: /through the symlink P\/out/,
  },
  'a deletion list without its final NUL': {
    tar: () => archive(),
    deleted: () => Buffer.from('P/a.txt'),
    reason: /not NUL-terminated/,
  },
  'a path both deleted and written': {
    tar: () => archive(file('P/a.txt', 'new')),
    deleted: () => ['P/a.txt'],
    reason: /both deleted and written/,
  },
  'a file below a deleted directory': {
    tar: () => archive(file('P/sub/c.txt', 'c')),
    deleted: () => ['P/sub'],
    reason: /below the deleted path P\/sub/,
  },
};

test.each(Object.entries(CASES))(
  'refuses %s and leaves everything as it was',
  async (_name, c) => {
    const ctx = createWorkspace(tempDir());
    c.prepare?.(ctx);
    const before = snapshotAll(ctx);

    const applying = applyFromJob(
      ctx,
      c.tar(ctx),
      c.deleted?.(ctx) ?? [],
      c.limits,
    );

    await expect(applying).rejects.toThrow(WorkspaceApplyError);
    await expect(applying).rejects.toMatchObject({
      reason: expect.stringMatching(c.reason),
      partiallyApplied: false,
    });
    expect(snapshotAll(ctx)).toEqual(before);
  },
);
