import { once } from 'node:events';

/**
 * The CI log while a job runs: the job's bytes go out unchanged, and a
 * status line that arrives mid-line waits until the job ends that line, so
 * the two never splice into each other.
 */
export class JobOutput {
  private atLineStart = true;
  private readonly pending: string[] = [];

  constructor(private readonly out: NodeJS.WritableStream = process.stdout) {}

  async write(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    this.atLineStart = chunk[chunk.length - 1] === 0x0a;
    const ok = this.out.write(chunk);
    if (this.atLineStart) this.flushPending();
    if (!ok) await once(this.out, 'drain');
  }

  status(text: string): void {
    if (this.atLineStart) this.out.write(text);
    else this.pending.push(text);
  }

  /** At the end of the job: close an unfinished last line, then the notes. */
  end(): void {
    if (!this.atLineStart) this.out.write('\n');
    this.atLineStart = true;
    this.flushPending();
  }

  private flushPending(): void {
    for (const text of this.pending.splice(0)) this.out.write(text);
  }
}
