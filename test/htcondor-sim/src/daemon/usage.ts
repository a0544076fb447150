import { readFileSync } from 'node:fs';
import { isNumber } from '../classad/ast';
import { evaluateAttr } from '../classad/evaluate';
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

export interface AttemptIo {
  sent: number;
  received: number;
  rssKb: number;
  wallSec: number;
}

/** The `Partitionable Resources` rows of 004 and 005 events. */
function resourceRows(ad: JobAd, scratch: string, io: AttemptIo) {
  const cpus = String(requested(ad, 'RequestCpus', 1));
  const disk = String(requested(ad, 'RequestDisk', 1));
  const memory = String(requested(ad, 'RequestMemory', 1));
  const gpus = String(requested(ad, 'RequestGPUs', 0));
  const time = String(io.wallSec);
  const rows: ResourceRow[] = [
    { name: 'Cpus', usage: '0', request: cpus, allocated: cpus },
    {
      name: 'Disk (KB)',
      usage: String(kilobytes(sizeOf(scratch))),
      request: disk,
      allocated: disk,
    },
    gpus === '0'
      ? { name: 'GPUs', allocated: '0' }
      : { name: 'GPUs', request: gpus, allocated: gpus },
    {
      name: 'Memory (MB)',
      usage: String(Math.ceil(io.rssKb / 1024)),
      request: memory,
      allocated: memory,
    },
    { name: 'TimeExecute (s)', usage: time },
    { name: 'TimeSlotBusy (s)', usage: time },
  ];

  return rows;
}

export function runStats(ad: JobAd, scratch: string, io: AttemptIo): RunStats {
  return {
    sentBytes: io.sent,
    receivedBytes: io.received,
    resources: resourceRows(ad, scratch, io),
  };
}
