import { WorkspaceApplyError } from './apply-error';
import type { ApplyLimits } from './apply-limits';
import type { ArchiveEntry } from './tar-reader';

/** Entries by path, once every rule that needs only the archive has passed. */
export type EntryMap = Map<string, ArchiveEntry>;

/**
 * A relative name is acceptable when it is `<base>` or `<base>.tmp` or lies
 * below one of them, with no empty, `.` or `..` component.
 */
export function checkRelativePath(
  rel: string,
  roots: readonly string[],
  limits: ApplyLimits,
): void {
  const why = findPathProblem(rel, roots, limits);
  if (why !== undefined) {
    throw new WorkspaceApplyError(`the path ${JSON.stringify(rel)} ${why}`);
  }
}

function findPathProblem(
  rel: string,
  roots: readonly string[],
  limits: ApplyLimits,
): string | undefined {
  const parts = rel.split('/');
  if (Buffer.byteLength(rel) > limits.maxPathLength) {
    return `is longer than ${limits.maxPathLength} bytes`;
  }
  if (rel.includes('\u0000')) return 'contains NUL';
  if (rel.startsWith('/')) return 'is absolute';
  if (parts.some((p) => p === '' || p === '.' || p === '..')) {
    return 'has an empty, "." or ".." component';
  }
  if (!roots.includes(parts[0] ?? '')) {
    return `is outside ${roots.join(' and ')}`;
  }
  return undefined;
}

/** Proper ancestors of a relative path, shallowest first. */
export function ancestorsOf(rel: string): string[] {
  const parts = rel.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function checkEntries(
  entries: ArchiveEntry[],
  roots: readonly string[],
  limits: ApplyLimits,
): EntryMap {
  const byPath: EntryMap = new Map();
  for (const entry of entries) {
    checkRelativePath(entry.path, roots, limits);
    checkEntryShape(entry, roots, limits);
    if (byPath.has(entry.path)) {
      throw refuse(entry, 'appears twice in the archive');
    }
    byPath.set(entry.path, entry);
  }

  for (const entry of entries) checkArchiveAncestors(entry, byPath);
  return byPath;
}

function checkEntryShape(
  entry: ArchiveEntry,
  roots: readonly string[],
  limits: ApplyLimits,
): void {
  if (roots.includes(entry.path) && entry.type !== 'directory') {
    throw refuse(entry, 'must be a directory');
  }
  if (entry.type !== 'file' && entry.size !== 0) {
    throw refuse(entry, 'is not a file but carries data');
  }
  if ((entry.type === 'symlink') !== (entry.linkpath !== '')) {
    throw refuse(entry, 'has a link target where none belongs, or lacks one');
  }
  if (
    Buffer.byteLength(entry.linkpath) > limits.maxPathLength ||
    entry.linkpath.includes('\u0000')
  ) {
    throw refuse(entry, 'has an unusable link target');
  }
  if (!Number.isFinite(entry.mtime)) throw refuse(entry, 'has a bad mtime');
}

// A link or file in the archive must never become the parent of another
// entry: that is how archives write through symlinks.
function checkArchiveAncestors(entry: ArchiveEntry, byPath: EntryMap): void {
  for (const ancestor of ancestorsOf(entry.path)) {
    const found = byPath.get(ancestor);
    if (found !== undefined && found.type !== 'directory') {
      throw refuse(entry, `lies below the ${found.type} ${ancestor}`);
    }
  }
}

export function refuse(entry: ArchiveEntry, why: string): WorkspaceApplyError {
  return new WorkspaceApplyError(
    `the archive entry ${JSON.stringify(entry.path)} ${why}`,
  );
}
