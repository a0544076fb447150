import { StringDecoder } from 'node:string_decoder';
import { EventLogReader, type CondorEvent } from '../../condor/event-log';
import { watchDir } from '../../stream/dir-watch';
import { FileTail } from '../../stream/file-tail';
import type { StageFiles } from '../../condor/submit/build';

/** Why following stopped: the job ended, or it needs a decision. */
export type FollowStop =
  | { kind: 'terminated'; event: CondorEvent }
  | { kind: 'removed'; event: CondorEvent }
  | { kind: 'held'; event: CondorEvent };

export interface FollowOptions {
  files: StageFiles;
  cluster: number;
  /** Every event of our job, in order, for status lines and the driver log. */
  onEvent: (event: CondorEvent) => void;
  /** The job's output bytes, unchanged; may return a promise (backpressure). */
  onOutput: (chunk: Buffer) => void | Promise<void>;
  onRestart: () => void;
  pollMs?: number;
}

/**
 * Follows one job through its event log (no schedd query) while copying its
 * streamed output. Resolves at a terminal event or a hold, after the output
 * written before that event has been copied.
 */
export class JobFollower {
  private readonly reader = new EventLogReader({ referenceTime: Date.now() });
  private readonly output: FileTail;
  private readonly log: FileTail;
  private readonly decoder = new StringDecoder('utf8');
  private readonly stops: FollowStop[] = [];
  private lastEventAt = Date.now();
  private abortWith: ((error: Error) => void) | undefined;

  constructor(private readonly o: FollowOptions) {
    this.output = new FileTail(o.files.output, o.onOutput, o.onRestart);
    this.log = new FileTail(o.files.eventLog, (chunk) => this.onLogBytes(chunk));
  }

  /** Milliseconds since the event log last said anything about our job. */
  get files(): StageFiles {
    return this.o.files;
  }

  get silentForMs(): number {
    return Date.now() - this.lastEventAt;
  }

  follow(): Promise<FollowStop> {
    return new Promise((resolve, reject) => {
      this.abortWith = (error) => {
        close();
        reject(error);
      };
      const tick = () => {
        this.pollOnce()
          .then((stop) => {
            if (!stop) return;
            close();
            resolve(stop);
          })
          .catch((error) => {
            close();
            reject(error);
          });
      };
      const close = watchDir(this.o.files.dir, tick, this.o.pollMs ?? 1000);
      tick();
    });
  }

  /** Makes a pending follow() reject, e.g. when a removal never shows up. */
  abort(error: Error): void {
    this.abortWith?.(error);
  }

  /** After condor_rm: true once the 009 (or a 005) arrives within `ms`. */
  async waitForRemoval(ms: number): Promise<boolean> {
    const timer = setTimeout(() => this.abort(new Error('timeout')), ms);
    try {
      for (;;) {
        const stop = await this.follow();
        if (stop.kind !== 'held') return true;
      }
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.output.close();
    this.log.close();
  }

  private async pollOnce(): Promise<FollowStop | undefined> {
    await this.output.poll();
    await this.log.poll();
    const stop = this.stops.shift();
    if (!stop) return undefined;

    await this.output.poll();
    return stop;
  }

  private onLogBytes(chunk: Buffer): void {
    for (const event of this.reader.push(this.decoder.write(chunk))) {
      if (event.id.cluster !== this.o.cluster) continue;
      this.lastEventAt = Date.now();
      this.o.onEvent(event);
      const stop = stopFor(event);
      if (stop) this.stops.push(stop);
    }
  }
}

function stopFor(event: CondorEvent): FollowStop | undefined {
  if (event.code === 5) return { kind: 'terminated', event };
  if (event.code === 9) return { kind: 'removed', event };
  if (event.code === 12) return { kind: 'held', event };

  return undefined;
}
