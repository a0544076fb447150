import type { FileHandle } from 'fs/promises';
import * as tar from 'tar';
import type { FoundEntry } from './pack-walk';

const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;
const BLOCK = 512;

/**
 * Appends to the archive through a buffer that is written out when full,
 * so that a small file and its header cost no write of their own. Two
 * buffers take turns: one is filled while the other is being written.
 */
export class ArchiveWriter {
  private buf = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  private spare = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  private writing: Promise<void> = Promise.resolve();
  private readonly header = Buffer.alloc(BLOCK);
  private length = 0;

  constructor(private readonly out: FileHandle) {}

  /** The tar header of an entry, preceded by a pax header if it needs one. */
  async putHeader(entry: FoundEntry, linkpath?: string): Promise<void> {
    const { stat } = entry;
    const type = stat.isDirectory()
      ? 'Directory'
      : stat.isSymbolicLink()
        ? 'SymbolicLink'
        : 'File';
    // Made here rather than taken from stat: node-tar's pax encoder
    // recognises dates by instanceof, which a Date from another realm fails.
    const mtime = new Date(stat.mtimeMs);
    const header = new tar.Header({
      path: type === 'Directory' ? `${entry.rel}/` : entry.rel,
      mode: stat.mode & 0o7777,
      uid: stat.uid,
      gid: stat.gid,
      size: type === 'File' ? stat.size : 0,
      mtime,
      type,
      linkpath,
    });
    this.header.fill(0);
    if (header.encode(this.header)) {
      const { path, size } = header;
      const pax = new tar.Pax({ path, linkpath, size, mtime });
      await this.put(pax.encode());
    }
    await this.put(this.header);
  }

  async put(data: Buffer, length = data.length): Promise<void> {
    let done = 0;
    while (done < length) {
      const n = Math.min(length - done, this.buf.length - this.length);
      data.copy(this.buf, this.length, done, done + n);
      this.length += n;
      done += n;
      if (this.length === this.buf.length) await this.flush();
    }
  }

  /** Zeros up to the next block boundary after `size` bytes of data. */
  async pad(size: number): Promise<void> {
    await this.put(Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK));
  }

  /** Two zero blocks end the archive; resolves once all is written. */
  async finish(): Promise<void> {
    await this.put(Buffer.alloc(2 * BLOCK));
    await this.flush();
    await this.writing;
  }

  // Waits for the previous write only, then starts this one in the
  // background and goes on filling the other buffer.
  private async flush(): Promise<void> {
    await this.writing;
    const full = this.buf.subarray(0, this.length);
    [this.buf, this.spare] = [this.spare, this.buf];
    this.length = 0;
    this.writing = writeAll(this.out, full);
    // A failure is reported by the next flush or by finish.
    this.writing.catch(() => undefined);
  }
}

async function writeAll(out: FileHandle, data: Buffer): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await out.write(data, done, data.length - done);
    done += bytesWritten;
  }
}
