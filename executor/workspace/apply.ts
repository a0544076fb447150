import fs from 'fs';
import path from 'path';
import { ArchiveFile } from './archive-file';
import { WorkspaceApplyError } from './apply-error';
import { ApplyLimits, resolveApplyLimits } from './apply-limits';
import { EntryMap, checkEntries } from './check-entries';
import { checkWorkspace } from './check-workspace';
import { ApplyResult, commitChanges } from './commit';
import { readDeletedList } from './read-deleted-list';
import { createStagingDir, stageFiles } from './stage-files';
import { readArchiveEntries } from './tar-reader';

export { WorkspaceApplyError } from './apply-error';
export type { ApplyLimits } from './apply-limits';
export type { ApplyResult } from './commit';

type Checked = { parent: string; byPath: EntryMap; deletions: string[] };

/**
 * Applies what a job changed (its output archive and list of deleted paths)
 * to the project dir and `<projectDir>.tmp`. Both files are hostile input:
 * everything is checked before the workspace is touched, file data is
 * staged beside it, and only then are the changes moved in.
 */
export async function applyWorkspaceChanges(o: {
  projectDir: string;
  archivePath: string;
  deletedListPath: string;
  limits?: Partial<ApplyLimits>;
}): Promise<ApplyResult> {
  const limits = resolveApplyLimits(o.limits);
  const archive = ArchiveFile.open(o.archivePath);
  try {
    const checked = checkChanges(o, archive, limits);
    await yieldToEventLoop();
    return applyChecked(checked, archive, path.basename(o.projectDir));
  } finally {
    archive.close();
  }
}

function checkChanges(
  o: { projectDir: string; deletedListPath: string },
  archive: ArchiveFile,
  limits: ApplyLimits,
): Checked {
  const { parent, roots } = workspaceRoots(o.projectDir);
  const entries = readArchiveEntries(archive, limits);
  const byPath = checkEntries(entries, roots, limits);
  const deletions = readDeletedList(o.deletedListPath, roots, limits);
  checkWorkspace(parent, roots, byPath, deletions);

  return { parent, byPath, deletions };
}

function applyChecked(
  { parent, byPath, deletions }: Checked,
  archive: ArchiveFile,
  base: string,
): ApplyResult {
  const files = [...byPath.values()].filter((e) => e.type === 'file');
  const stagingDir = createStagingDir(parent, base);
  try {
    const staged = stageFiles(archive, files, stagingDir);
    return commitOrExplain(parent, byPath, deletions, staged);
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }
}

function commitOrExplain(
  parent: string,
  byPath: EntryMap,
  deletions: string[],
  staged: Map<string, string>,
): ApplyResult {
  try {
    return commitChanges(parent, byPath, deletions, staged);
  } catch (err) {
    const why = err instanceof WorkspaceApplyError ? err.reason : String(err);
    throw new WorkspaceApplyError(
      `${why}; the workspace may be partly updated`,
      { cause: err, partiallyApplied: true },
    );
  }
}

function workspaceRoots(projectDir: string) {
  const normal = path.normalize(projectDir) === projectDir;
  if (!path.isAbsolute(projectDir) || !normal) {
    throw new WorkspaceApplyError(
      `the project dir must be a normalised absolute path, got ${projectDir}`,
    );
  }
  const base = path.basename(projectDir);
  if (base === '' || projectDir.endsWith('/')) {
    throw new WorkspaceApplyError(`the project dir ${projectDir} has no name`);
  }
  return { parent: path.dirname(projectDir), roots: [base, `${base}.tmp`] };
}

/**
 * Removes staging dirs that an apply killed half way (SIGKILL) left beside
 * the project dir: they hold copies of what the job sent back. Returns how
 * many were removed.
 */
export function removeLeftoverStaging(projectDir: string): number {
  if (!path.isAbsolute(projectDir)) return 0;
  const parent = path.dirname(projectDir);
  const prefix = `.${path.basename(projectDir)}.apply-`;
  let names: string[];
  try {
    names = fs.readdirSync(parent).filter((name) => name.startsWith(prefix));
  } catch {
    return 0;
  }
  for (const name of names) {
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  return names.length;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
