/**
 * The longest the output may hold the event loop. Writes to a blocking
 * stdout return only once the runner has read the data, so a job printing
 * without pause would otherwise keep a cancel (SIGTERM) and the event-log
 * watch waiting until it stopped, the longer the slower the runner reads.
 */
const YIELD_EVERY_MS = 50;

/** Where the output goes: the StdoutSink, or a stand-in in tests. */
export interface OutputSink {
  write(data: Buffer | string): boolean;
  drained(): Promise<void>;
}

/**
 * The CI log while a job runs: the job's bytes go out unchanged, and a
 * status line that arrives mid-line waits until the job ends that line, so
 * the two never splice into each other.
 */
export class JobOutput {
  private atLineStart = true;
  private readonly pending: string[] = [];
  private lastYield = performance.now();

  constructor(private readonly out: OutputSink) {}

  async write(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    this.atLineStart = chunk[chunk.length - 1] === 0x0a;
    const ok = this.out.write(chunk);
    if (this.atLineStart) this.flushPending();
    if (!ok) await this.out.drained();

    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastYield = performance.now();
    }
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
