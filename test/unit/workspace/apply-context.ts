import fs from 'fs';
import path from 'path';
import {
  ApplyLimits,
  applyWorkspaceChanges,
} from '../../../executor/workspace';
import { snapshotTree, writeTree } from './fixtures';

const JOB_FILES = ['workspace-out.tar', 'workspace-deleted.bin'];

/**
 * A workspace P and P.tmp under `builds`, a directory `outside` that no
 * apply may ever touch, and a symlink P/out pointing at it.
 */
export type ApplyContext = {
  root: string;
  builds: string;
  projectDir: string;
  outside: string;
};

export function createWorkspace(root: string): ApplyContext {
  const builds = path.join(root, 'builds');
  const outside = path.join(root, 'outside');
  writeTree(builds, {
    'P/a.txt': 'a\n',
    'P/sub/b.txt': 'b\n',
    'P.tmp/t.txt': 't\n',
  });
  writeTree(outside, { 'secret.txt': 'secret\n' });
  fs.symlinkSync(outside, path.join(builds, 'P', 'out'));

  return { root, builds, projectDir: path.join(builds, 'P'), outside };
}

/** Writes the job's two output files and applies them. */
export function applyFromJob(
  ctx: ApplyContext,
  tar: Buffer,
  deleted: string[] | Buffer = [],
  limits?: Partial<ApplyLimits>,
) {
  const [archivePath, deletedListPath] = JOB_FILES.map((name) =>
    path.join(ctx.root, name),
  ) as [string, string];
  fs.writeFileSync(archivePath, tar);
  fs.writeFileSync(
    deletedListPath,
    Buffer.isBuffer(deleted) ? deleted : deleted.map((p) => `${p}\0`).join(''),
  );
  return applyWorkspaceChanges({
    projectDir: ctx.projectDir,
    archivePath,
    deletedListPath,
    limits,
  });
}

/** The whole temp dir, workspace and outside alike, minus the job's files. */
export function snapshotAll(ctx: ApplyContext): Record<string, string> {
  const snapshot = snapshotTree(ctx.root, ['builds']);
  for (const name of JOB_FILES) delete snapshot[name];
  return snapshot;
}
