import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { applyWorkspaceChanges } from '../../../executor/workspace';
import {
  SOURCE_TREE_BYTES,
  makeSourceTree,
  snapshotTree,
  useTempDir,
} from './fixtures';

const tempDir = useTempDir();

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
    expect(result.bytes).toBe(SOURCE_TREE_BYTES);
    expect(fs.readdirSync(builds).sort()).toEqual(['P', 'P.tmp']);
  },
);
