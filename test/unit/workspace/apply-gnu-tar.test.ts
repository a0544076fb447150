import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';
import { applyWorkspaceChanges } from '../../../executor/workspace';
import { snapshotTree, useTempDir, writeTree } from './fixtures';

const tempDir = useTempDir();

/** A tree with what real jobs leave: big, long-named, unicode, links. */
function makeSourceTree(src: string) {
  const longDir = `P/${'a'.repeat(90)}/${'b'.repeat(90)}`;
  writeTree(src, {
    'P/README.md': '# readme\n',
    [`${longDir}/${'c'.repeat(100)}.txt`]: 'long\n',
    'P/Ünïcödé dir/naïve file.txt': 'unicode\n',
    'P/empty': null,
    'P.tmp/CI_SERVER_TLS_CA_FILE': 'ca\n',
  });
  const big = randomBytes(3 * 1024 * 1024 + 7);
  fs.writeFileSync(path.join(src, 'P/big.bin'), big);
  fs.chmodSync(path.join(src, 'P/README.md'), 0o600);
  fs.writeFileSync(path.join(src, 'P/run.sh'), 'echo\n', { mode: 0o755 });
  fs.symlinkSync('README.md', path.join(src, 'P/readme-link'));
  fs.symlinkSync('/cvmfs/cms.cern.ch', path.join(src, 'P/cvmfs-link'));
}

test.each(['gnu', 'posix'])(
  'applies what GNU tar writes in %s format into an empty builds dir',
  async (format) => {
    const root = tempDir();
    const src = path.join(root, 'src');
    const builds = path.join(root, 'builds');
    makeSourceTree(src);
    fs.mkdirSync(builds);
    const tar = spawnSync('tar', [
      '-cf', path.join(root, 'out.tar'), `--format=${format}`,
      '-C', src, 'P', 'P.tmp',
    ]);
    expect(tar.status).toBe(0);
    fs.writeFileSync(path.join(root, 'deleted.bin'), '');

    const result = await applyWorkspaceChanges({
      projectDir: path.join(builds, 'P'),
      archivePath: path.join(root, 'out.tar'),
      deletedListPath: path.join(root, 'deleted.bin'),
    });

    expect(snapshotTree(builds)).toEqual(snapshotTree(src));
    expect(result.bytes).toBe(3 * 1024 * 1024 + 7 + 9 + 5 + 8 + 5 + 3);
    expect(fs.readdirSync(builds).sort()).toEqual(['P', 'P.tmp']);
  },
);
