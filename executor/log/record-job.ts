import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCause } from '../errors';
import type { StageCall } from '../stages/stage-call';
import { foldStageRecords } from './job-record';
import { addToMetricsFile } from './metrics-file';
import {
  appendJobRecord,
  readStageRecords,
  recordsFileOf,
} from './records-file';

/** Left in the state dir once the record is out, so a rerun adds none. */
const RECORDED = 'recorded';

/**
 * At cleanup: one line for this CI job in the records file, and the job
 * counted in the metrics file. Never throws: a record that cannot be
 * written must not fail the CI job, it is only logged.
 */
export async function recordCiJob(call: StageCall): Promise<void> {
  const marker = join(call.stateDir, RECORDED);
  // Without a state dir, an earlier cleanup has recorded the job already.
  if (!existsSync(call.stateDir) || existsSync(marker)) return;

  try {
    const record = foldStageRecords(call.job, readStageRecords(call.stateDir));
    const file = recordsFileOf(call.settings);
    appendJobRecord(file, record);
    writeFileSync(marker, '', { mode: 0o600 });
    call.log.info('job recorded', { file, outcome: record.outcome });

    const metrics = call.settings.logging.metrics_file;
    if (metrics) await addToMetricsFile(metrics, record);
  } catch (error) {
    call.log.warn('job record incomplete', { reason: describeCause(error) });
  }
}
