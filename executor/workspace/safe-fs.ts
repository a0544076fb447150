import fs from 'fs';
import path from 'path';
import { WorkspaceApplyError } from './apply-error';
import { ancestorsOf } from './check-entries';

export type Kind = 'missing' | 'directory' | 'symlink' | 'other';

/** What is at a path, never following a symlink. */
export function kindAt(abs: string): Kind {
  const stat = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (stat === undefined) return 'missing';
  if (stat.isSymbolicLink()) return 'symlink';
  return stat.isDirectory() ? 'directory' : 'other';
}

/**
 * Makes every proper ancestor of `rel` (inside the workspace) a real
 * directory, creating missing ones; refuses if any is a symlink or a file.
 * Checked before every write, so that nothing is written through a link.
 */
export function prepareParents(parent: string, rel: string): void {
  for (const ancestor of ancestorsOf(rel)) {
    const abs = path.join(parent, ancestor);
    const kind = kindAt(abs);
    if (kind === 'missing') fs.mkdirSync(abs);
    else if (kind !== 'directory') throw notADirectory(ancestor, kind);
  }
}

/**
 * True when every proper ancestor is a real directory; false when one is
 * missing or a file, so that nothing can be below it. Refuses a symlink.
 */
export function hasRealParents(parent: string, rel: string): boolean {
  for (const ancestor of ancestorsOf(rel)) {
    const kind = kindAt(path.join(parent, ancestor));
    if (kind === 'symlink') throw notADirectory(ancestor, kind);
    if (kind !== 'directory') return false;
  }
  return true;
}

/** Removes whatever is at `abs`; a symlink is removed, never followed. */
export function removeAny(abs: string): void {
  fs.rmSync(abs, { recursive: true, force: true });
}

function notADirectory(rel: string, kind: Kind): WorkspaceApplyError {
  return new WorkspaceApplyError(
    `${rel} in the workspace is a ${kind === 'symlink' ? 'symlink' : 'file'}` +
      ', refusing to write below it',
  );
}
