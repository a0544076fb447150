import { spawnSync } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import {
  applyWorkspaceChanges,
  packWorkspace,
} from '../../../executor/workspace';
import {
  SOURCE_TREE_BYTES,
  listArchive,
  makeSourceTree,
  snapshotTree,
  useTempDir,
  writeTree,
} from './fixtures';

const tempDir = useTempDir();

function makeWorkspace(root: string) {
  const builds = path.join(root, 'builds');
  writeTree(builds, {
    'P/src/main.c': 'int main(void) { return 0; }\n',
    'P/empty-dir': null,
    'P.tmp/state': 'state\n',
  });
  writeTree(root, { 'outside/secret.txt': 'secret\n' });
  fs.writeFileSync(path.join(builds, 'P/build.sh'), 'make\n', { mode: 0o750 });
  const at = (rel: string) => path.join(builds, rel);
  fs.utimesSync(at('P/src/main.c'), 1_600_000_000, 1_600_000_000);
  fs.symlinkSync(path.join(root, 'outside'), at('P/outside-link'));
  return { builds, projectDir: path.join(builds, 'P') };
}

function extract(archivePath: string, into: string) {
  fs.mkdirSync(into);
  const run = spawnSync('tar', [
    '-xpf', archivePath, '--delay-directory-restore', '-C', into,
  ]);
  expect(run.stderr.toString()).toBe('');
  expect(run.status).toBe(0);
}

test('packs P and P.tmp relative to their parent, links as links', async () => {
  const root = tempDir();
  const { builds, projectDir } = makeWorkspace(root);
  const archivePath = path.join(root, 'in.tar');

  const result = await packWorkspace({ projectDir, archivePath });

  expect(listArchive(archivePath)).toEqual([
    'P',
    'P.tmp',
    'P.tmp/state',
    'P/build.sh',
    'P/empty-dir',
    'P/outside-link',
    'P/src',
    'P/src/main.c',
  ]);
  expect(result).toEqual({ files: 3, bytes: 29 + 6 + 5 });
  extract(archivePath, path.join(root, 'copy'));
  expect(snapshotTree(path.join(root, 'copy'))).toEqual(snapshotTree(builds));
});

test('skips FIFOs and sockets', async () => {
  const root = tempDir();
  const { projectDir } = makeWorkspace(root);
  const fifo = spawnSync('mkfifo', [path.join(projectDir, 'fifo')]);
  expect(fifo.status).toBe(0);
  const server = net.createServer();
  await new Promise<void>((resolve) =>
    server.listen(path.join(projectDir, 'sock'), resolve),
  );

  try {
    await packWorkspace({ projectDir, archivePath: path.join(root, 'in.tar') });
  } finally {
    server.close();
  }

  const names = listArchive(path.join(root, 'in.tar'));
  expect(names).toContain('P/src/main.c');
  expect(names).not.toContain('P/fifo');
  expect(names).not.toContain('P/sock');
});

test('leaves out what does not exist', async () => {
  const root = tempDir();
  const { builds, projectDir } = makeWorkspace(root);
  fs.rmSync(path.join(builds, 'P.tmp'), { recursive: true });
  const archivePath = path.join(root, 'in.tar');

  await packWorkspace({ projectDir, archivePath });
  expect(listArchive(archivePath).filter((n) => n.startsWith('P.tmp'))).toEqual(
    [],
  );

  fs.rmSync(projectDir, { recursive: true });
  const empty = await packWorkspace({ projectDir, archivePath });
  expect(empty).toEqual({ files: 0, bytes: 0 });
  expect(listArchive(archivePath)).toEqual([]);
});

test('refuses a project dir that is a symlink', async () => {
  const root = tempDir();
  const { builds } = makeWorkspace(root);
  fs.symlinkSync(path.join(builds, 'P'), path.join(builds, 'Q'));

  await expect(
    packWorkspace({
      projectDir: path.join(builds, 'Q'),
      archivePath: path.join(root, 'in.tar'),
    }),
  ).rejects.toThrow(/is not a directory/);
});

test('fails early when the archive cannot be written', async () => {
  const root = tempDir();
  const { projectDir } = makeWorkspace(root);

  await expect(
    packWorkspace({
      projectDir,
      archivePath: path.join(root, 'no-such-dir', 'in.tar'),
    }),
  ).rejects.toMatchObject({ code: 'ENOENT' });
});

test('big, long-named and unicode files survive tar and apply', async () => {
  const root = tempDir();
  const src = path.join(root, 'src');
  makeSourceTree(src);
  const archivePath = path.join(root, 'in.tar');

  const result = await packWorkspace({
    projectDir: path.join(src, 'P'),
    archivePath,
  });

  expect(result).toEqual({ files: 6, bytes: SOURCE_TREE_BYTES });
  extract(archivePath, path.join(root, 'by-gnu-tar'));
  expect(snapshotTree(path.join(root, 'by-gnu-tar'))).toEqual(
    snapshotTree(src),
  );
  fs.mkdirSync(path.join(root, 'by-apply'));
  fs.writeFileSync(path.join(root, 'none.bin'), '');
  await applyWorkspaceChanges({
    projectDir: path.join(root, 'by-apply', 'P'),
    archivePath,
    deletedListPath: path.join(root, 'none.bin'),
  });
  expect(snapshotTree(path.join(root, 'by-apply'))).toEqual(snapshotTree(src));
});
