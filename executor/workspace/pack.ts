import { createWriteStream, promises as fs, Stats } from 'fs';
import path from 'path';
import { pipeline } from 'stream/promises';
import * as tar from 'tar';

export type PackResult = { files: number; bytes: number };

// Two zero blocks: a valid tar archive with no entries.
const EMPTY_ARCHIVE_BYTES = 1024;

/**
 * Packs the project dir and its `<project>.tmp` sibling into one uncompressed
 * tar whose entries are named `<base>/...` and `<base>.tmp/...`, so that the
 * job can recreate both at the same absolute paths. `files` counts regular
 * files and `bytes` their content.
 */
export async function packWorkspace(o: {
  projectDir: string;
  archivePath: string;
}): Promise<PackResult> {
  const parent = path.dirname(o.projectDir);
  const base = path.basename(o.projectDir);
  const roots = await listExistingRoots(parent, [base, `${base}.tmp`]);
  const result: PackResult = { files: 0, bytes: 0 };
  if (roots.length === 0) {
    await fs.writeFile(o.archivePath, Buffer.alloc(EMPTY_ARCHIVE_BYTES));
    return result;
  }

  // Opened first so that a bad archive path fails before any file is read.
  // node-tar's own file writer issues one write per header; Node's write
  // stream batches them, which keeps the pack close to GNU tar's speed.
  const out = createWriteStream('', {
    fd: await fs.open(o.archivePath, 'w', 0o600),
  });
  try {
    await pipeline(createPack(parent, roots, result), out);
  } finally {
    out.destroy();
  }
  return result;
}

function createPack(parent: string, roots: string[], result: PackResult) {
  return tar.create(
    {
      cwd: parent,
      portable: false,
      follow: false,
      filter: (_p, stat) => isPackable(stat as Stats),
      onWriteEntry: (entry) => countEntry(entry, result),
    },
    roots,
  );
}

async function listExistingRoots(
  parent: string,
  names: string[],
): Promise<string[]> {
  const roots: string[] = [];
  for (const name of names) {
    const stat = await lstatOrUndefined(path.join(parent, name));
    if (stat === undefined) continue;

    // A symlinked root would be packed as a link and its content lost.
    if (!stat.isDirectory()) {
      throw new Error(
        `packing workspace: ${path.join(parent, name)} is not a directory`,
      );
    }
    roots.push(name);
  }
  return roots;
}

async function lstatOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

// Sockets, FIFOs and devices cannot travel in a job's input files.
function isPackable(stat: Stats): boolean {
  return stat.isFile() || stat.isDirectory() || stat.isSymbolicLink();
}

function countEntry(entry: tar.WriteEntry, result: PackResult): void {
  if (entry.type !== 'File') return;

  result.files += 1;
  result.bytes += entry.stat?.size ?? 0;
}
