import fs from 'fs';
import { WorkspaceApplyError } from './apply-error';

const CACHE_BYTES = 64 * 1024;

/**
 * Positional reads from one open archive, so that the bytes checked are the
 * bytes later copied, whatever happens to the path meanwhile. Headers are
 * small and many, so they are served from a read-ahead window.
 */
export class ArchiveFile {
  private cache = Buffer.alloc(CACHE_BYTES);
  private cacheStart = 0;
  private cacheLength = 0;

  private constructor(
    readonly fd: number,
    readonly size: number,
  ) {}

  static open(archivePath: string): ArchiveFile {
    const fd = openRegularFile(archivePath);
    return new ArchiveFile(fd, fs.fstatSync(fd).size);
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** Exactly `length` bytes at `position`, or a truncation error. */
  read(position: number, length: number): Buffer {
    this.requireBytes(position, length);
    let offset = position - this.cacheStart;
    if (offset < 0 || offset + length > this.cacheLength) {
      if (length > this.cache.length) this.cache = Buffer.alloc(length);
      this.cacheStart = position;
      this.cacheLength = this.readUpTo(this.cache, this.cache.length, position);
      offset = 0;
    }
    if (offset + length > this.cacheLength) throw shrank();

    // Copied, so that callers may keep it past the next read.
    return Buffer.from(this.cache.subarray(offset, offset + length));
  }

  /** Streams `length` bytes at `position` into `target` in large chunks. */
  copyTo(target: number, position: number, length: number, buf: Buffer) {
    this.requireBytes(position, length);
    let done = 0;
    while (done < length) {
      const chunk = Math.min(buf.length, length - done);
      if (this.readUpTo(buf, chunk, position + done) < chunk) throw shrank();
      writeFully(target, buf.subarray(0, chunk));
      done += chunk;
    }
  }

  requireBytes(position: number, length: number): void {
    if (position + length > this.size) {
      throw new WorkspaceApplyError(
        `the archive is truncated (needs ${position + length} bytes, ` +
          `has ${this.size})`,
      );
    }
  }

  private readUpTo(buf: Buffer, length: number, position: number): number {
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }
}

function shrank(): WorkspaceApplyError {
  return new WorkspaceApplyError('the archive shrank while it was read');
}

/** Opens a file the job sent back, refusing symlinks and non-files. */
export function openRegularFile(filePath: string): number {
  let fd: number;
  try {
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (err) {
    throw new WorkspaceApplyError(`cannot open ${filePath}`, { cause: err });
  }
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new WorkspaceApplyError(`${filePath} is not a regular file`);
  }
  return fd;
}

function writeFully(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) {
    done += fs.writeSync(fd, data, done, data.length - done);
  }
}
