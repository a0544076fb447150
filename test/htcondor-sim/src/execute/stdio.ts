import type { ChildProcess } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type JobAd, stringAttr } from '../state/job-ad';
import { type Sandbox, usesFileTransfer } from './sandbox';

type Target =
  | { kind: 'ignore' }
  | { kind: 'stream'; fd: number }
  | { kind: 'file'; fd: number; scratchFile?: string; apPath: string };

type SpawnOption = 'ignore' | 'pipe' | number;

/** stdout and stderr of one attempt, wired the way the submit asked. */
export interface JobStdio {
  spawnStdio: ['ignore', SpawnOption, SpawnOption];
  attach(child: ChildProcess): void;
  /** Waits for the pipes to drain, then closes every file. */
  finish(): Promise<void>;
  /** Copies non-streamed output to the access point; returns the bytes. */
  copyBack(): number;
}

/**
 * Streamed output is written into the access point's file as it arrives,
 * and the file is truncated at every attempt; output that is not streamed
 * goes to `_condor_stdout` in the sandbox and is copied at exit. When
 * `output` and `error` name the same file they share one descriptor, so
 * the writes stay in order.
 */
export function openJobStdio(ad: JobAd, box: Sandbox): JobStdio {
  const out = openTarget(ad, 'Out', box);
  const same = out.kind !== 'ignore' && ad.Out === ad.Err;
  const err = same ? out : openTarget(ad, 'Err', box);
  const targets = same ? [out] : [out, err];
  const pending: Promise<void>[] = [];

  return {
    spawnStdio: ['ignore', spawnOption(out), spawnOption(err)],
    attach(child) {
      if (out.kind === 'stream') pending.push(pump(child.stdout, out.fd));
      if (err.kind === 'stream') pending.push(pump(child.stderr, err.fd));
    },
    async finish() {
      await Promise.race([Promise.all(pending), delay(3000)]);
      for (const t of targets) if (t.kind !== 'ignore') closeSync(t.fd);
    },
    copyBack: () => targets.reduce((sum, t) => sum + copyTarget(t), 0),
  };
}

const NAMES = {
  Out: { stream: 'StreamOut', transfer: 'TransferOut', file: '_condor_stdout' },
  Err: { stream: 'StreamErr', transfer: 'TransferErr', file: '_condor_stderr' },
};

function openTarget(ad: JobAd, attr: 'Out' | 'Err', box: Sandbox): Target {
  const apPath = stringAttr(ad, attr) ?? '/dev/null';
  if (apPath === '/dev/null') return { kind: 'ignore' };
  if (!usesFileTransfer(ad)) {
    return { kind: 'file', fd: openSync(apPath, 'w'), apPath };
  }
  const names = NAMES[attr];
  const transferred = ad[names.transfer] !== false;
  if (ad[names.stream] === true && transferred) {
    return { kind: 'stream', fd: openSync(apPath, 'w') };
  }
  const file = join(box.dir, names.file);
  const scratchFile = transferred ? file : undefined;

  return { kind: 'file', fd: openSync(file, 'w'), apPath, scratchFile };
}

function spawnOption(t: Target): SpawnOption {
  if (t.kind === 'ignore') return 'ignore';

  return t.kind === 'stream' ? 'pipe' : t.fd;
}

function pump(stream: Readable | null, fd: number): Promise<void> {
  return new Promise((resolve) => {
    if (!stream) return resolve();
    stream.on('data', (chunk: Buffer) => writeSync(fd, chunk));
    stream.on('close', () => resolve());
    stream.on('error', () => resolve());
  });
}

function copyTarget(t: Target): number {
  if (t.kind !== 'file' || !t.scratchFile || !existsSync(t.scratchFile)) {
    return 0;
  }
  copyFileSync(t.scratchFile, t.apPath);

  return statSync(t.apPath).size;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
