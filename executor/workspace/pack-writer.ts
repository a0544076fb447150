import { readSync, writeSync } from 'fs';
import { encodeHeader } from './pack-header';
import type { FoundEntry } from './pack-walk';

// Writes of a few MiB each took the kernel several times as long per byte as
// writes of 64 KiB in measurements (copying into fresh page-cache folios).
const WRITE_BUFFER_BYTES = 64 * 1024;
const BLOCK = 512;
const ZEROS = Buffer.alloc(2 * BLOCK);

/**
 * Appends to the archive through one buffer that is written out when full,
 * so that a small file and its header cost no write of their own. File
 * data is read straight into that buffer; nothing is copied twice. Every
 * call blocks: a pack reads and writes nothing else, and blocking calls
 * cost a fraction of a thread-pool round trip per file.
 */
export class ArchiveWriter {
  private readonly buf = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  private length = 0;
  /** Bytes handed to the archive so far, written out or not. */
  written = 0;

  constructor(private readonly fd: number) {}

  /** The tar header of an entry, preceded by a pax header if it needs one. */
  putHeader(entry: FoundEntry, linkpath?: string): void {
    const { stat } = entry;
    const type = stat.isDirectory()
      ? 'directory'
      : stat.isSymbolicLink()
        ? 'symlink'
        : 'file';
    this.put(
      encodeHeader({
        path: type === 'directory' ? `${entry.rel}/` : entry.rel,
        type,
        mode: stat.mode,
        uid: stat.uid,
        gid: stat.gid,
        size: type === 'file' ? stat.size : 0,
        mtimeMs: stat.mtimeMs,
        linkpath,
      }),
    );
  }

  put(data: Buffer, length = data.length): void {
    let done = 0;
    while (done < length) {
      const n = Math.min(length - done, this.buf.length - this.length);
      data.copy(this.buf, this.length, done, done + n);
      this.length += n;
      done += n;
      if (this.length === this.buf.length) this.flush();
    }
    this.written += length;
  }

  /**
   * Up to `size` bytes of an open file from its start; fewer only if the
   * file ends sooner. Returns how many were taken.
   */
  putFile(file: number, size: number): number {
    let done = 0;
    while (done < size) {
      if (this.length === this.buf.length) this.flush();
      const want = Math.min(size - done, this.buf.length - this.length);
      const n = readSync(file, this.buf, this.length, want, done);
      if (n === 0) break;
      this.length += n;
      done += n;
    }
    this.written += done;

    return done;
  }

  /** Zeros up to the next block boundary after `size` bytes of data. */
  pad(size: number): void {
    this.put(ZEROS, (BLOCK - (size % BLOCK)) % BLOCK);
  }

  /** Two zero blocks end the archive; returns once all is written. */
  finish(): void {
    this.put(ZEROS);
    this.flush();
  }

  private flush(): void {
    for (let done = 0; done < this.length; ) {
      done += writeSync(this.fd, this.buf, done, this.length - done);
    }
    this.length = 0;
  }
}
