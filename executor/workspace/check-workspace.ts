import path from 'path';
import { WorkspaceApplyError } from './apply-error';
import { EntryMap, ancestorsOf } from './check-entries';
import { Kind, kindAt } from './safe-fs';

/**
 * Checks the archive and the deletion list against the workspace as it is,
 * with lstat only, so that a conflict is found before anything is written:
 * nothing may land below an existing symlink or file, and no path may be
 * both deleted and written.
 */
export function checkWorkspace(
  parent: string,
  roots: readonly string[],
  byPath: EntryMap,
  deletions: readonly string[],
): void {
  const kinds = new Map<string, Kind>();
  const kindOf = (rel: string): Kind => {
    let kind = kinds.get(rel);
    if (kind === undefined) {
      kind = kindAt(path.join(parent, rel));
      kinds.set(rel, kind);
    }
    return kind;
  };

  for (const root of roots) {
    const kind = kindOf(root);
    if (kind === 'symlink' || kind === 'other') {
      throw conflict(root, `is a ${describe(kind)} in the workspace`);
    }
  }
  const deleted = new Set(deletions);
  if (deleted.size !== deletions.length) {
    throw new WorkspaceApplyError('the list of deleted paths has duplicates');
  }
  for (const rel of byPath.keys()) checkWrite(rel, byPath, deleted, kindOf);
  for (const rel of deletions) checkDeletion(rel, byPath, kindOf);
}

function checkWrite(
  rel: string,
  byPath: EntryMap,
  deleted: Set<string>,
  kindOf: (rel: string) => Kind,
): void {
  if (deleted.has(rel)) throw conflict(rel, 'is both deleted and written');

  for (const ancestor of ancestorsOf(rel)) {
    if (deleted.has(ancestor)) {
      throw conflict(rel, `lies below the deleted path ${ancestor}`);
    }
    if (byPath.get(ancestor)?.type === 'directory') continue;

    const kind = kindOf(ancestor);
    if (kind === 'symlink' || kind === 'other') {
      throw conflict(
        rel,
        `would be written below the ${describe(kind)} ${ancestor}`,
      );
    }
  }
}

// A directory the archive brings replaces whatever was there before the
// deletions run; any other ancestor must not be a symlink.
function checkDeletion(
  rel: string,
  byPath: EntryMap,
  kindOf: (rel: string) => Kind,
): void {
  for (const ancestor of ancestorsOf(rel)) {
    if (byPath.get(ancestor)?.type === 'directory') continue;

    if (kindOf(ancestor) === 'symlink') {
      throw conflict(rel, `would be deleted through the symlink ${ancestor}`);
    }
  }
}

function describe(kind: Kind): string {
  return kind === 'other' ? 'file' : kind;
}

function conflict(rel: string, why: string): WorkspaceApplyError {
  return new WorkspaceApplyError(`${JSON.stringify(rel)} ${why}`);
}
