import { StringDecoder } from 'node:string_decoder';
import { EventLogReader, type CondorEvent } from '../../condor/event-log';
import type { StageFiles } from '../../condor/submit/build';
import { watchDir } from '../../stream/dir-watch';
import { FileTail } from '../../stream/file-tail';

/** Why following stopped: the job ended, needs a decision, or went quiet. */
export type FollowStop =
  | { kind: 'terminated'; event: CondorEvent }
  | { kind: 'removed'; event: CondorEvent }
  | { kind: 'held'; event: CondorEvent }
  | { kind: 'released'; event: CondorEvent }
  | { kind: 'silent'; silentMs: number }
  | { kind: 'deadline' };

export interface FollowOptions {
  files: StageFiles;
  cluster: number;
  /** Every event of our job, in order, for status lines and the driver log. */
  onEvent: (event: CondorEvent) => void;
  /** The job's output bytes, unchanged; may return a promise (backpressure). */
  onOutput: (chunk: Buffer) => void | Promise<void>;
  /** A new execution attempt: its output starts again from the beginning. */
  onRestart: () => void;
  pollMs?: number;
}

export interface FollowUntil {
  /** Stop with 'silent' once the log has said nothing for this long. */
  silenceMs?: number;
  /** Stop with 'deadline' at this time (epoch ms). */
  deadline?: number;
  /** Also stop at a 013 release (while waiting out a hold). */
  stopAtRelease?: boolean;
}

/**
 * Follows one job through its event log (no schedd query) while copying its
 * streamed output. follow() resolves at the next terminal event, hold,
 * silence or deadline, after the output written before it has been copied;
 * it may be called again to go on following.
 */
export class JobFollower {
  private readonly reader = new EventLogReader({ referenceTime: Date.now() });
  private readonly decoder = new StringDecoder('utf8');
  private readonly output: FileTail;
  private readonly log: FileTail;
  private readonly stops: FollowStop[] = [];
  private lastNewsAt = Date.now();
  private attempts = 0;
  private sawEnd = false;
  private restartNoted = false;
  private abortWith: ((error: Error) => void) | undefined;
  private until: FollowUntil = {};

  constructor(private readonly o: FollowOptions) {
    this.output = new FileTail(o.files.output, o.onOutput, () => this.noteRestart());
    this.log = new FileTail(o.files.eventLog, (chunk) => this.onLogBytes(chunk));
  }

  get files(): StageFiles {
    return this.o.files;
  }

  /** Counts as news: the caller heard from the schedd that the job is fine. */
  touch(): void {
    this.lastNewsAt = Date.now();
  }

  follow(until: FollowUntil = {}): Promise<FollowStop> {
    this.until = until;
    return new Promise((resolve, reject) => {
      let closeWatch = () => undefined as void;
      const finish = (fn: () => void) => {
        closeWatch();
        this.abortWith = undefined;
        fn();
      };
      this.abortWith = (error) => finish(() => reject(error));
      const tick = () => {
        this.pollOnce().then(
          (stop) => stop && finish(() => resolve(stop)),
          (error) => finish(() => reject(error)),
        );
      };
      closeWatch = watchDir(this.o.files.dir, tick, this.o.pollMs ?? 1000);
      tick();
    });
  }

  /**
   * Whether the job's end (005) or removal (009) has been read from the
   * event log, even if output written before it is still being copied.
   */
  get endSeen(): boolean {
    return this.sawEnd;
  }

  /** Makes a pending follow() reject, e.g. when a removal never shows up. */
  abort(error: Error): void {
    this.abortWith?.(error);
  }

  /** After condor_rm: true once the 009 (or a 005) arrives within `ms`. */
  async waitForRemoval(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      const stop = await this.follow({ deadline });
      if (stop.kind === 'removed' || stop.kind === 'terminated') return true;
      if (stop.kind === 'deadline') return false;
    }
  }

  close(): void {
    this.output.close();
    this.log.close();
  }

  private async pollOnce(): Promise<FollowStop | undefined> {
    await this.log.poll();
    await this.output.poll();
    const stop = this.stops.shift();
    if (stop) return stop;

    const silentMs = Date.now() - this.lastNewsAt;
    if (this.until.silenceMs !== undefined && silentMs >= this.until.silenceMs) {
      return { kind: 'silent', silentMs };
    }
    if (this.until.deadline !== undefined && Date.now() >= this.until.deadline) {
      return { kind: 'deadline' };
    }

    return undefined;
  }

  private onLogBytes(chunk: Buffer): void {
    for (const event of this.reader.push(this.decoder.write(chunk))) {
      if (event.id.cluster !== this.o.cluster) continue;
      this.lastNewsAt = Date.now();
      if (event.code === 5 || event.code === 9) this.sawEnd = true;
      if (event.code === 1) this.startAttempt();
      this.o.onEvent(event);
      const stop = stopFor(event, this.until.stopAtRelease === true);
      if (stop) this.stops.push(stop);
    }
  }

  /**
   * HTCondor truncates the output file when a new attempt starts; the cut
   * may be seen here or by the tail, and is announced once either way.
   */
  private startAttempt(): void {
    this.attempts += 1;
    if (this.attempts > 1 && !this.restartNoted && this.output.restartIfCut()) {
      this.o.onRestart();
    }
    this.restartNoted = false;
  }

  private noteRestart(): void {
    if (this.restartNoted) return;
    this.restartNoted = true;
    this.o.onRestart();
  }
}

function stopFor(event: CondorEvent, stopAtRelease: boolean): FollowStop | undefined {
  if (event.code === 5) return { kind: 'terminated', event };
  if (event.code === 9) return { kind: 'removed', event };
  if (event.code === 12) return { kind: 'held', event };
  if (event.code === 13 && stopAtRelease) return { kind: 'released', event };

  return undefined;
}
