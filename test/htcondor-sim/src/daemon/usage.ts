import { readFileSync } from 'node:fs';
import { evaluateAttr } from '../classad/evaluate';
import { isNumber } from '../classad/ast';
import type { RunStats } from '../event-log/events';
import type { ResourceRow } from '../event-log/format';
import { kilobytes, sizeOf } from '../execute/file-sizes';
import type { JobAd } from '../state/job-ad';

/** Resident set size of a process in KiB, from /proc; 0 once it is gone. */
export function residentKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** A request attribute evaluated to a number (it may be an expression). */
export function requested(ad: JobAd, attr: string, fallback: number): number {
  const v = evaluateAttr(ad, attr);

  return isNumber(v) ? Math.round(v.v) : fallback;
}

/** The `Partitionable Resources` rows of 004 and 005 events. */
export function resourceRows(ad: JobAd, scratch: string, rssKb: number, wallSec: number): ResourceRow[] {
  const cpus = String(requested(ad, 'RequestCpus', 1));
  const disk = String(requested(ad, 'RequestDisk', 1));
  const memory = String(requested(ad, 'RequestMemory', 1));
  const gpus = requested(ad, 'RequestGPUs', 0);

  return [
    { name: 'Cpus', usage: '0', request: cpus, allocated: cpus },
    { name: 'Disk (KB)', usage: String(kilobytes(sizeOf(scratch))), request: disk, allocated: disk },
    gpus > 0 ? { name: 'GPUs', request: String(gpus), allocated: String(gpus) } : { name: 'GPUs', allocated: '0' },
    { name: 'Memory (MB)', usage: String(Math.ceil(rssKb / 1024)), request: memory, allocated: memory },
    { name: 'TimeExecute (s)', usage: String(wallSec) },
    { name: 'TimeSlotBusy (s)', usage: String(wallSec) },
  ];
}

export function runStats(ad: JobAd, scratch: string, io: { sent: number; received: number; rssKb: number; wallSec: number }): RunStats {
  return {
    sentBytes: io.sent,
    receivedBytes: io.received,
    resources: resourceRows(ad, scratch, io.rssKb, io.wallSec),
  };
}
