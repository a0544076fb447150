import fs from 'fs';
import path from 'path';
import type { EntryMap } from './check-entries';
import { kindAt, hasRealParents, prepareParents, removeAny } from './safe-fs';
import { SAFE_MODE_BITS } from './stage-files';
import type { ArchiveEntry } from './tar-reader';

export type ApplyResult = { written: number; bytes: number; deleted: number };

/**
 * Moves the checked and staged changes into the workspace: directories
 * first (owner-writable until the end), then deletions deepest first, then
 * files by rename, then symlinks, and last the directories' own modes and
 * mtimes, which every earlier step would have disturbed.
 */
export function commitChanges(
  parent: string,
  byPath: EntryMap,
  deletions: readonly string[],
  staged: ReadonlyMap<string, string>,
): ApplyResult {
  const entries = [...byPath.values()];
  const dirs = sortByDepth(entries.filter((e) => e.type === 'directory'));
  const result: ApplyResult = { written: entries.length, bytes: 0, deleted: 0 };

  for (const dir of dirs) makeDirectory(parent, dir.path);
  const deepestFirst = sortByDepth(deletions.map((p) => ({ path: p })));
  deepestFirst.reverse();
  for (const { path: rel } of deepestFirst) {
    if (deletePath(parent, rel)) result.deleted += 1;
  }
  for (const entry of entries) {
    if (entry.type === 'file') {
      placeFile(parent, entry.path, requireStaged(staged, entry.path));
      result.bytes += entry.size;
    }
    if (entry.type === 'symlink') placeSymlink(parent, entry);
  }
  for (const dir of [...dirs].reverse()) finishDirectory(parent, dir);

  return result;
}

function makeDirectory(parent: string, rel: string): void {
  prepareParents(parent, rel);
  const abs = path.join(parent, rel);
  const kind = kindAt(abs);
  if (kind === 'directory') {
    fs.chmodSync(abs, (fs.lstatSync(abs).mode & 0o7777) | 0o700);
    return;
  }
  if (kind !== 'missing') removeAny(abs);
  fs.mkdirSync(abs, 0o700);
}

function deletePath(parent: string, rel: string): boolean {
  if (!hasRealParents(parent, rel)) return false;

  const abs = path.join(parent, rel);
  if (kindAt(abs) === 'missing') return false;

  removeAny(abs);
  return true;
}

function placeFile(parent: string, rel: string, stagedPath: string): void {
  prepareParents(parent, rel);
  const abs = path.join(parent, rel);
  if (kindAt(abs) === 'directory') removeAny(abs);

  // rename replaces a file or a symlink itself, never what a link points to.
  fs.renameSync(stagedPath, abs);
}

function placeSymlink(parent: string, entry: ArchiveEntry): void {
  prepareParents(parent, entry.path);
  const abs = path.join(parent, entry.path);
  if (kindAt(abs) !== 'missing') removeAny(abs);

  fs.symlinkSync(entry.linkpath, abs);
  fs.lutimesSync(abs, entry.mtime, entry.mtime);
}

function finishDirectory(parent: string, entry: ArchiveEntry): void {
  prepareParents(parent, entry.path);
  const abs = path.join(parent, entry.path);
  if (kindAt(abs) !== 'directory') {
    throw new Error(`${entry.path} stopped being a directory while applying`);
  }
  fs.chmodSync(abs, entry.mode & SAFE_MODE_BITS);
  fs.utimesSync(abs, entry.mtime, entry.mtime);
}

function sortByDepth<T extends { path: string }>(items: T[]): T[] {
  const depth = (p: string) => p.split('/').length;
  return [...items].sort((a, b) => depth(a.path) - depth(b.path));
}

function requireStaged(staged: ReadonlyMap<string, string>, rel: string) {
  const stagedPath = staged.get(rel);
  if (stagedPath === undefined) throw new Error(`${rel} was never staged`);
  return stagedPath;
}
