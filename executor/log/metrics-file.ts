import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { withFileLock } from './file-lock';
import type { JobRecord } from './job-record';
import { countJob, parseMetrics, renderMetrics } from './metrics';

/**
 * Adds one CI job to the counters in the Prometheus text file. The file
 * holds the counters themselves: under a lock it is read, counted on and
 * replaced by rename, so that the textfile collector never reads half a
 * file and concurrent cleanups never lose a count.
 */
export async function addToMetricsFile(
  file: string,
  record: JobRecord,
  nowMs = Date.now(),
): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await withFileLock(`${file}.lock`, () => {
    const counters = parseMetrics(readIfPresent(file));
    countJob(counters, record, nowMs);
    // Not *.prom: the collector must not pick up the file being written.
    const temp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, renderMetrics(counters), { mode: 0o644 });
      renameSync(temp, file);
    } finally {
      rmSync(temp, { force: true });
    }
  });
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
