import { constants, promises as fs } from 'fs';
import type { FileHandle } from 'fs/promises';
import path from 'path';
import type { FoundEntry } from './pack-walk';
import type { ArchiveWriter } from './pack-writer';

const CHUNK_BYTES = 1024 * 1024;

/** An entry read ahead: a link's target, or a file's first chunk. */
export type Loaded = FoundEntry & {
  linkpath?: string;
  file?: FileHandle;
  chunk?: Buffer;
  chunkLength: number;
};

/**
 * Opens a file and reads its first chunk into a spare buffer; a file that
 * fits is closed here, off the path the writer waits on. Bigger files stay
 * open and are streamed by copyRest, never held whole.
 */
export async function loadEntry(
  parent: string,
  entry: FoundEntry,
  spare: Buffer[],
): Promise<Loaded> {
  const abs = path.join(parent, entry.rel);
  if (entry.stat.isSymbolicLink()) {
    return { ...entry, linkpath: await fs.readlink(abs), chunkLength: 0 };
  }
  if (!entry.stat.isFile()) return { ...entry, chunkLength: 0 };

  const file = await fs.open(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
  const chunk = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    const want = Math.min(entry.stat.size, CHUNK_BYTES);
    const { bytesRead } = await file.read(chunk, 0, want, 0);
    if (entry.stat.size > CHUNK_BYTES) {
      return { ...entry, file, chunk, chunkLength: bytesRead };
    }
    await file.close();
    return { ...entry, chunk, chunkLength: bytesRead };
  } catch (err) {
    await file.close();
    throw err;
  }
}

// The header already promised stat.size bytes: a file that grew is cut
// there, one that shrank cannot be packed consistently.
export async function copyRest(
  writer: ArchiveWriter,
  loaded: Loaded,
  chunk: Buffer,
): Promise<void> {
  const size = loaded.stat.size;
  let length = loaded.chunkLength;
  let done = 0;
  while (done < size) {
    if (length === 0) throw new Error(`${loaded.rel} shrank while packing`);

    await writer.put(chunk, length);
    done += length;
    const want = Math.min(size - done, chunk.length);
    length =
      want > 0 && loaded.file
        ? await readAt(loaded.file, chunk, want, done)
        : 0;
  }
  await writer.pad(size);
}

async function readAt(
  file: FileHandle,
  chunk: Buffer,
  length: number,
  position: number,
): Promise<number> {
  return (await file.read(chunk, 0, length, position)).bytesRead;
}
