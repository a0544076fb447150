import { writeSync } from 'node:fs';

/**
 * The CI log during a remote stage: every byte of job output and every
 * status line goes through one sink, in order.
 *
 * It writes fd 1 with blocking calls while it can. gitlab-runner hands a
 * driver a blocking pipe, and a blocking write lets the kernel pass the
 * data on as the runner reads it, where a non-blocking pipe costs an
 * event-loop turn for every pipeful: that had held a job with a lot of
 * output to half the speed of `cat`. If fd 1 turns out to be non-blocking
 * after all (EAGAIN), the sink hands this write and all later ones to the
 * stdout stream, which waits for the pipe properly; order is kept because
 * nothing goes to fd 1 directly after that.
 *
 * A reader that is gone (EPIPE, or any other write error) loses the rest
 * of the output but stops nothing: the stage still ends, and tells its
 * outcome by exit code.
 */
export class StdoutSink {
  /**
   * The sink for this process's stdout. Node's stdout stream makes a pipe
   * non-blocking as soon as anything opens it, and winston and execa do
   * whenever they pipe one stream into another (Readable.pipe compares its
   * destination with process.stdout). So it is opened here, once, and the
   * pipe put back in blocking mode, as the runner handed it over; its
   * writes then complete at once too. Where the stream has no such handle
   * (a file), writes to fd 1 block anyway.
   */
  static forProcess(): StdoutSink {
    for (const stream of [process.stdout, process.stderr]) {
      const handle = (stream as { _handle?: { setBlocking?: (on: boolean) => number } })._handle;
      handle?.setBlocking?.(true);
    }

    return new StdoutSink();
  }

  private stream: NodeJS.WritableStream | undefined;
  private broken: string | undefined;

  constructor(
    private readonly fd = 1,
    private readonly openStream: () => NodeJS.WritableStream = () => process.stdout,
  ) {}

  /**
   * False when the caller should wait for drained() before more. The
   * caller may reuse a buffer once this returns: the stream gets a copy.
   */
  write(data: Buffer | string): boolean {
    if (this.broken !== undefined) return true;
    if (this.stream) return this.stream.write(copyOf(data));

    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let done = 0;
    while (done < bytes.length) {
      try {
        done += writeSync(this.fd, bytes, done, bytes.length - done);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EINTR') continue;
        if (code === 'EAGAIN') return this.handOver(bytes.subarray(done));
        this.broken = code ?? String(error);
        return true;
      }
    }

    return true;
  }

  /** Resolves once the stream (if the sink had to open it) has room again. */
  drained(): Promise<void> {
    const stream = this.stream;
    if (!stream || this.broken !== undefined) return Promise.resolve();

    return new Promise((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
    });
  }

  /** Why output stopped reaching the log, if it did (an errno code). */
  get failure(): string | undefined {
    return this.broken;
  }

  /** Whether writes go through the stream now (fd 1 was non-blocking). */
  get streaming(): boolean {
    return this.stream !== undefined;
  }

  private handOver(rest: Buffer): boolean {
    const stream = this.openStream();
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.broken = error.code ?? error.message;
    });
    this.stream = stream;

    return stream.write(copyOf(rest));
  }
}

function copyOf(data: Buffer | string): Buffer | string {
  return typeof data === 'string' ? data : Buffer.from(data);
}
