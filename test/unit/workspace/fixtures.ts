import { spawnSync } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { renderJobWrapper } from '../../../executor/workspace';

/** A temp dir per test, removed afterwards whatever the test did. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-test-')));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Writes files (string values) and directories (null values) under root. */
export function writeTree(root: string, tree: Record<string, string | null>) {
  for (const [rel, content] of Object.entries(tree)) {
    const abs = path.join(root, rel);
    if (content === null) {
      fs.mkdirSync(abs, { recursive: true });
    } else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
}

/**
 * Everything observable about the entries below root, never following a
 * symlink: type, mode, content hash, link target and mtime in whole seconds
 * (tar keeps seconds). The root's own mtime is left out, and so are the
 * mtimes of `touchable` dirs: a staging dir beside a workspace touches its
 * parent, however cleanly it is removed.
 */
export function snapshotTree(
  root: string,
  touchable: string[] = [],
): Record<string, string> {
  const snapshot: Record<string, string> = {};
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    const stat = fs.lstatSync(abs);
    if (rel !== '') snapshot[rel] = describe(abs, stat);
    if (touchable.includes(rel)) snapshot[rel] = 'dir (mtime ignored)';
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) {
        walk(rel === '' ? name : `${rel}/${name}`);
      }
    }
  };
  walk('');
  return snapshot;
}

function describe(abs: string, stat: fs.Stats): string {
  const mode = (stat.mode & 0o7777).toString(8);
  const mtime = Math.floor(stat.mtimeMs / 1000);
  if (stat.isSymbolicLink()) return `link -> ${fs.readlinkSync(abs)} @${mtime}`;
  if (stat.isDirectory()) return `dir ${mode} @${mtime}`;

  const hash = createHash('sha1').update(fs.readFileSync(abs)).digest('hex');
  return `file ${mode} ${stat.size} ${hash} @${mtime}`;
}

export type WrapperRun = {
  status: number | null;
  stdout: Buffer;
  stderr: Buffer;
};

/** Runs the rendered job wrapper with bash in `scratch`, as a job would. */
export function runWrapper(scratch: string, args: string[]): WrapperRun {
  fs.writeFileSync(path.join(scratch, 'job-wrapper.sh'), renderJobWrapper(), {
    mode: 0o755,
  });
  const run = spawnSync('bash', ['job-wrapper.sh', ...args], {
    cwd: scratch,
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Entry names in a tar archive as GNU tar lists them, without dir slashes. */
export function listArchive(archivePath: string): string[] {
  const run = spawnSync('tar', ['-tf', archivePath], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tar -tf failed: ${run.stderr}`);

  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/\/$/, ''))
    .sort();
}

export function readNulList(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\0')
    .filter((item) => item !== '')
    .sort();
}

/** A tree with what real jobs leave: big, long-named, unicode, links. */
export function makeSourceTree(src: string) {
  const longDir = `P/${'a'.repeat(90)}/${'b'.repeat(90)}`;
  writeTree(src, {
    'P/README.md': '# readme\n',
    [`${longDir}/${'c'.repeat(100)}.txt`]: 'long\n',
    'P/Ünïcödé dir/naïve file.txt': 'unicode\n',
    'P/empty': null,
    'P.tmp/CI_SERVER_TLS_CA_FILE': 'ca\n',
  });
  const big = randomBytes(9 * 1024 * 1024 + 7);
  fs.writeFileSync(path.join(src, 'P/big.bin'), big);
  fs.chmodSync(path.join(src, 'P/README.md'), 0o600);
  fs.writeFileSync(path.join(src, 'P/run.sh'), 'echo\n', { mode: 0o755 });
  fs.symlinkSync('README.md', path.join(src, 'P/readme-link'));
  fs.symlinkSync('/cvmfs/cms.cern.ch', path.join(src, 'P/cvmfs-link'));
}

/** Bytes of regular-file content makeSourceTree writes. */
export const SOURCE_TREE_BYTES = 9 * 1024 * 1024 + 7 + 9 + 5 + 8 + 5 + 3;
