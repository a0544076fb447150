import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from '../settings/types';
import {
  STAGE_RECORDS,
  type StageRecord,
} from '../stages/remote/stage-record';
import type { JobRecord } from './job-record';

export function recordsFileOf(settings: Settings): string {
  const file = settings.logging.records_file;

  return file || join(settings.workspace.state_dir, 'jobs.jsonl');
}

/** The job's stage records; a line torn by a killed driver is skipped. */
export function readStageRecords(stateDir: string): StageRecord[] {
  let text: string;
  try {
    text = readFileSync(join(stateDir, STAGE_RECORDS), 'utf8');
  } catch {
    return [];
  }

  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() ? [JSON.parse(line) as StageRecord] : [];
    } catch {
      return [];
    }
  });
}

/** O_APPEND of one whole line: concurrent cleanups never interleave. */
export function appendJobRecord(file: string, record: JobRecord): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
}
