import { closeSync, constants, openSync, readlinkSync } from 'fs';
import path from 'path';
import { FoundEntry, statRoots, walkTree } from './pack-walk';
import { ArchiveWriter } from './pack-writer';

export type PackResult = { files: number; bytes: number };

/**
 * How much is packed between turns of the event loop, so that a signal
 * (the runner's cancel) is handled while a large workspace is packed.
 */
const YIELD_EVERY_BYTES = 64 * 1024 * 1024;

/**
 * Packs the project dir and its `<project>.tmp` sibling into one uncompressed
 * tar whose entries are named `<base>/...` and `<base>.tmp/...`, so that the
 * job can recreate both at the same absolute paths. Either may be missing.
 * Symlinks are stored as links; modes and mtimes are kept. `files` counts
 * regular files and `bytes` their content.
 */
export async function packWorkspace(o: {
  projectDir: string;
  archivePath: string;
}): Promise<PackResult> {
  const parent = path.dirname(o.projectDir);
  const base = path.basename(o.projectDir);
  const roots = statRoots(parent, [base, `${base}.tmp`]);
  const result: PackResult = { files: 0, bytes: 0 };

  const out = openSync(o.archivePath, 'w', 0o600);
  try {
    const writer = new ArchiveWriter(out);
    let nextYield = YIELD_EVERY_BYTES;
    for (const [rel, stat] of roots) {
      for (const entry of walkTree(parent, rel, stat)) {
        packEntry(writer, parent, entry, result);
        if (writer.written < nextYield) continue;
        nextYield = writer.written + YIELD_EVERY_BYTES;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    writer.finish();
  } finally {
    closeSync(out);
  }
  return result;
}

// The header promises stat.size bytes: a file that grew is cut there, one
// that shrank cannot be packed consistently.
function packEntry(
  writer: ArchiveWriter,
  parent: string,
  entry: FoundEntry,
  result: PackResult,
): void {
  const abs = path.join(parent, entry.rel);
  if (entry.stat.isSymbolicLink()) {
    return writer.putHeader(entry, readlinkSync(abs));
  }
  if (!entry.stat.isFile()) return writer.putHeader(entry);

  const file = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const { size } = entry.stat;
    writer.putHeader(entry);
    if (writer.putFile(file, size) < size) {
      throw new Error(`${entry.rel} shrank while packing`);
    }
    writer.pad(size);
  } finally {
    closeSync(file);
  }
  result.files += 1;
  result.bytes += entry.stat.size;
}
