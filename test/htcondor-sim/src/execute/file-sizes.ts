import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Size and mtime of top-level files: what a job created or changed. */
export type Snapshot = Map<string, { size: number; mtimeMs: number }>;

export function snapshotTopLevel(dir: string): Snapshot {
  const snap: Snapshot = new Map();
  for (const name of readdirSync(dir)) {
    const st = lstatSync(join(dir, name));
    if (st.isFile()) snap.set(name, { size: st.size, mtimeMs: st.mtimeMs });
  }

  return snap;
}

/** Bytes in a file or a whole tree; symlinks count as themselves. */
export function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const st = lstatSync(path);
  if (!st.isDirectory()) return st.size;
  const names = readdirSync(path);

  return names.reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

export function kilobytes(bytes: number): number {
  return Math.ceil(bytes / 1024);
}
