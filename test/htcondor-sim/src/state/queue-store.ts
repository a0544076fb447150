import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { withLock } from './lock';
import { type JobAd, type JobId, formatJobId, jobIdOf } from './job-ad';
import { simPaths } from './paths';

/**
 * The queue is one JSON file per job in `queue/`; jobs that leave the queue
 * move to `history/`. All changes go through `updateJob` under one lock so
 * the daemon and the tools never overwrite each other.
 */
const QUEUE_LOCK = 'queue';

function adFile(dir: string, id: JobId): string {
  return join(dir, `${formatJobId(id)}.json`);
}

function writeAtomic(file: string, ad: JobAd): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(ad, null, 1)}\n`);
  renameSync(tmp, file);
}

function readAd(file: string): JobAd | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JobAd;
  } catch {
    return undefined;
  }
}

function readDir(dir: string): JobAd[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));

  return names.map((n) => readAd(join(dir, n))).filter((a): a is JobAd => !!a);
}

function byJobId(a: JobAd, b: JobAd): number {
  const byCluster = Number(a.ClusterId) - Number(b.ClusterId);

  return byCluster || Number(a.ProcId) - Number(b.ProcId);
}

export function listQueueAds(home: string): JobAd[] {
  return readDir(simPaths(home).queue).sort(byJobId);
}

/** History, newest first, as condor_history prints it. */
export function listHistoryAds(home: string): JobAd[] {
  const ads = readDir(simPaths(home).history);
  const done = (ad: JobAd) => Number(ad.EnteredCurrentStatus ?? 0);

  return ads.sort((a, b) => done(b) - done(a) || byJobId(b, a));
}

export function readQueueAd(home: string, id: JobId): JobAd | undefined {
  return readAd(adFile(simPaths(home).queue, id));
}

export function insertJobs(home: string, ads: JobAd[]): void {
  const p = simPaths(home);
  withLock(p.locks, QUEUE_LOCK, () => {
    for (const ad of ads) {
      writeAtomic(adFile(p.queue, jobIdOf(ad)), ad);
    }
  });
}

/**
 * Applies `change` to the queued ad and returns the new ad, or undefined
 * when the job is no longer in the queue. `change` may return false to
 * leave the ad untouched.
 */
export function updateJob(
  home: string,
  id: JobId,
  change: (ad: JobAd) => boolean | void,
): JobAd | undefined {
  const p = simPaths(home);

  return withLock(p.locks, QUEUE_LOCK, () => {
    const file = adFile(p.queue, id);
    const ad = readAd(file);
    if (!ad) return undefined;
    if (change(ad) !== false) writeAtomic(file, ad);

    return ad;
  });
}

/** Moves a job out of the queue into history after a final change. */
export function retireJob(
  home: string,
  id: JobId,
  change: (ad: JobAd) => void,
): JobAd | undefined {
  const p = simPaths(home);

  return withLock(p.locks, QUEUE_LOCK, () => {
    const file = adFile(p.queue, id);
    const ad = readAd(file);
    if (!ad) return undefined;
    change(ad);
    writeAtomic(adFile(p.history, id), ad);
    rmSync(file, { force: true });

    return ad;
  });
}

/** Drops a job without a trace in history (the `lose_job` fault). */
export function forgetJob(home: string, id: JobId): void {
  const p = simPaths(home);
  const file = adFile(p.queue, id);
  withLock(p.locks, QUEUE_LOCK, () => rmSync(file, { force: true }));
}
