import { promises as fs, Stats } from 'fs';
import path from 'path';

/** A path to pack, relative to the dir the archive is rooted in. */
export type FoundEntry = { rel: string; stat: Stats };

/**
 * Walks a tree depth-first without following symlinks, parents before
 * children, names sorted. The children of one directory are stat'ed
 * together, so that the thread pool works on many at once; memory grows
 * with the largest directory, not with the tree. Sockets, FIFOs and devices
 * are left out: they cannot travel in a job's input files.
 */
export async function* walkTree(
  parent: string,
  rel: string,
  stat: Stats,
): AsyncGenerator<FoundEntry> {
  yield { rel, stat };
  if (!stat.isDirectory()) return;

  const names = (await fs.readdir(path.join(parent, rel))).sort();
  const children = names.map((name) => `${rel}/${name}`);
  const stats = await Promise.all(
    children.map((child) => fs.lstat(path.join(parent, child))),
  );
  for (const [i, child] of children.entries()) {
    const childStat = stats[i];
    if (childStat !== undefined && isPackable(childStat)) {
      yield* walkTree(parent, child, childStat);
    }
  }
}

export function isPackable(stat: Stats): boolean {
  return stat.isFile() || stat.isDirectory() || stat.isSymbolicLink();
}

/** The roots that exist, each of which must be a real directory. */
export async function statRoots(
  parent: string,
  names: string[],
): Promise<[string, Stats][]> {
  const roots: [string, Stats][] = [];
  for (const name of names) {
    const stat = await fs.lstat(path.join(parent, name)).catch((err) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    });
    if (stat === undefined) continue;

    // A symlinked root would be packed as a link and its content lost.
    if (!stat.isDirectory()) {
      throw new Error(
        `packing workspace: ${path.join(parent, name)} is not a directory`,
      );
    }
    roots.push([name, stat]);
  }
  return roots;
}
