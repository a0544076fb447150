import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

const CHUNK = 1024 * 1024;

/**
 * Follows a file that another process appends to, from offset 0. The file
 * may not exist yet. HTCondor truncates a streamed output file when a job
 * restarts, so a size below our offset is reported and reading starts over.
 */
export class FileTail {
  private fd: number | undefined;
  private offset = 0;
  private busy: Promise<void> | undefined;
  private again = false;
  private readonly buffer = Buffer.allocUnsafe(CHUNK);

  constructor(
    private readonly path: string,
    private readonly onData: (chunk: Buffer) => void | Promise<void>,
    private readonly onTruncate: () => void = () => undefined,
  ) {}

  get bytesRead(): number {
    return this.offset;
  }

  /** Reads whatever is new; concurrent calls coalesce into one more pass. */
  poll(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = this.readLoop().finally(() => {
      this.busy = undefined;
    });

    return this.busy;
  }

  /**
   * A new attempt began: if its writer has already cut the file, read from
   * the start now (true); otherwise the cut is noticed when it comes.
   */
  restartIfCut(): boolean {
    if (!this.open()) return false;
    if (fstatSync(this.fd as number).size >= this.offset) return false;
    this.offset = 0;

    return true;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private async readLoop(): Promise<void> {
    do {
      this.again = false;
      await this.readNew();
    } while (this.again);
  }

  private async readNew(): Promise<void> {
    if (!this.open()) return;
    const fd = this.fd as number;
    if (this.wasReplacedOrTruncated(fd)) {
      this.offset = 0;
      this.onTruncate();
    }

    for (;;) {
      const n = readSync(fd, this.buffer, 0, CHUNK, this.offset);
      if (n <= 0) return;
      this.offset += n;
      await this.onData(Buffer.from(this.buffer.subarray(0, n)));
    }
  }

  private open(): boolean {
    if (this.fd !== undefined) return true;
    try {
      this.fd = openSync(this.path, 'r');
      return true;
    } catch {
      return false;
    }
  }

  private wasReplacedOrTruncated(fd: number): boolean {
    const size = fstatSync(fd).size;
    if (size < this.offset) return true;

    return this.isReplaced(fd);
  }

  /** A writer that recreates the file (new inode) also starts a new attempt. */
  private isReplaced(fd: number): boolean {
    try {
      const onDisk = statSync(this.path);
      const ours = fstatSync(fd);
      if (onDisk.ino === ours.ino) return false;
    } catch {
      return false;
    }
    this.close();

    return this.open();
  }
}
