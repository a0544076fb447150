import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CondorEvent } from '../../condor/event-log';

/**
 * What one remote stage did, appended to `stage-records.jsonl` in the job's
 * state dir; cleanup folds them into the runner-wide record of the CI job.
 */
export interface StageRecord {
  stage: string;
  cluster?: number;
  submittedAt?: number;
  startedAt?: number;
  endedAt?: number;
  host?: string;
  outcome: 'success' | 'build_failure' | 'system_failure' | 'cancelled';
  exitCode?: number;
  holds: { code: number; subcode: number; reason: string }[];
  evictions: number;
  cpuS?: number;
  memoryMb?: number;
  bytesSent: number;
  bytesReturned: number;
}

export const STAGE_RECORDS = 'stage-records.jsonl';

export function newStageRecord(stage: string): StageRecord {
  return { stage, outcome: 'system_failure', holds: [], evictions: 0, bytesSent: 0, bytesReturned: 0 };
}

/** Folds one event of the job into the record. */
export function noteInRecord(r: StageRecord, e: CondorEvent): void {
  if (e.code === 0) r.submittedAt = e.time.epochMs;
  if (e.code === 1) {
    r.startedAt = e.time.epochMs;
    r.host = e.slot ?? e.host;
  }
  if (e.code === 4 || e.code === 7 || e.code === 24) r.evictions += 1;
  if (e.code === 12) {
    r.holds.push({ code: e.holdCode ?? 0, subcode: e.holdSubcode ?? 0, reason: e.holdReason ?? '' });
  }
  if (e.code === 6 && e.usage?.memoryMb) r.memoryMb = Math.max(r.memoryMb ?? 0, e.usage.memoryMb);
  if (e.code === 5) {
    r.endedAt = e.time.epochMs;
    const u = e.usage;
    if (u?.remoteUserCpuS !== undefined) r.cpuS = u.remoteUserCpuS + (u.remoteSysCpuS ?? 0);
    if (u?.memoryMb) r.memoryMb = Math.max(r.memoryMb ?? 0, u.memoryMb);
  }
}

export function saveStageRecord(stateDir: string, r: StageRecord): void {
  appendFileSync(join(stateDir, STAGE_RECORDS), `${JSON.stringify(r)}\n`, { mode: 0o600 });
}
