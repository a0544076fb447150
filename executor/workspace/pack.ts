import { promises as fs } from 'fs';
import path from 'path';
import { Loaded, copyRest, loadEntry } from './pack-load';
import { FoundEntry, statRoots, walkTree } from './pack-walk';
import { ArchiveWriter } from './pack-writer';

export type PackResult = { files: number; bytes: number };

// Files opened and read ahead while earlier ones are written, so that the
// thread pool always has work; each holds at most one chunk in memory. More
// made packing to disk slower in measurements, not faster.
const READ_AHEAD_ENTRIES = 8;

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
  const roots = await statRoots(parent, [base, `${base}.tmp`]);
  const result: PackResult = { files: 0, bytes: 0 };

  const out = await fs.open(o.archivePath, 'w', 0o600);
  try {
    const writer = new ArchiveWriter(out);
    for (const [rel, stat] of roots) {
      await packTree(writer, parent, walkTree(parent, rel, stat), result);
    }
    await writer.finish();
  } finally {
    await out.close();
  }
  return result;
}

async function packTree(
  writer: ArchiveWriter,
  parent: string,
  entries: AsyncGenerator<FoundEntry>,
  result: PackResult,
): Promise<void> {
  const spare: Buffer[] = [];
  const ahead: Promise<Loaded>[] = [];
  const readAhead = async () => {
    while (ahead.length < READ_AHEAD_ENTRIES) {
      const next = await entries.next();
      if (next.done) return;

      const loading = loadEntry(parent, next.value, spare);
      // Its failure is reported when its turn comes, not as unhandled.
      loading.catch(() => undefined);
      ahead.push(loading);
    }
  };

  try {
    await readAhead();
    for (let loading = ahead.shift(); loading; loading = ahead.shift()) {
      await writeEntry(writer, await loading, spare, result);
      await readAhead();
    }
  } finally {
    await closeAll(ahead);
  }
}

async function writeEntry(
  writer: ArchiveWriter,
  loaded: Loaded,
  spare: Buffer[],
  result: PackResult,
): Promise<void> {
  try {
    await writer.putHeader(loaded, loaded.linkpath);
    if (loaded.chunk === undefined) return;

    await copyRest(writer, loaded, loaded.chunk);
    result.files += 1;
    result.bytes += loaded.stat.size;
  } finally {
    await loaded.file?.close();
    if (loaded.chunk) spare.push(loaded.chunk);
  }
}

async function closeAll(ahead: Promise<Loaded>[]): Promise<void> {
  for (const settled of await Promise.allSettled(ahead)) {
    if (settled.status === 'fulfilled') await settled.value.file?.close();
  }
}
