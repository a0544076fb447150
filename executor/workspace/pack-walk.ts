import { lstatSync, readdirSync, Stats } from 'fs';
import path from 'path';

/** A path to pack, relative to the dir the archive is rooted in. */
export type FoundEntry = { rel: string; stat: Stats };

/**
 * Walks a tree depth-first without following symlinks, parents before
 * children, names sorted. Memory grows with the largest directory, not
 * with the tree. Sockets, FIFOs and devices are left out: they cannot
 * travel in a job's input files.
 */
export function* walkTree(
  parent: string,
  rel: string,
  stat: Stats,
): Generator<FoundEntry> {
  yield { rel, stat };
  if (!stat.isDirectory()) return;

  const names = readdirSync(path.join(parent, rel)).sort();
  for (const name of names) {
    const child = `${rel}/${name}`;
    const childStat = lstatSync(path.join(parent, child));
    if (isPackable(childStat)) yield* walkTree(parent, child, childStat);
  }
}

export function isPackable(stat: Stats): boolean {
  return stat.isFile() || stat.isDirectory() || stat.isSymbolicLink();
}

/** The roots that exist, each of which must be a real directory. */
export function statRoots(parent: string, names: string[]): [string, Stats][] {
  const roots: [string, Stats][] = [];
  for (const name of names) {
    const stat = lstatSync(path.join(parent, name), { throwIfNoEntry: false });
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
