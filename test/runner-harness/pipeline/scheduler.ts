/**
 * Starts job instances as their prerequisites finish, at most
 * `concurrency` at a time. A job whose prerequisite failed (without
 * allow_failure), was skipped or canceled is skipped, as with GitLab's
 * default `when: on_success`.
 */
import { PipelineJobRecord } from './pipeline-types';
import { PlannedJob } from './plan';
import { SlotPool } from './slot-pool';

export type RunOne = (
  job: PlannedJob,
  slot: number,
) => Promise<PipelineJobRecord>;
type Records = Map<string, PipelineJobRecord>;

export async function runScheduled(
  jobs: PlannedJob[],
  concurrency: number,
  runOne: RunOne,
  isCanceled: () => boolean,
): Promise<Records> {
  const records: Records = new Map();
  const waiting = [...jobs];
  const running = new Set<Promise<void>>();
  const slots = new SlotPool();

  for (;;) {
    settleBlocked(waiting, records, isCanceled());
    for (const job of waiting.filter((j) => isReady(j, records))) {
      if (running.size >= Math.max(concurrency, 1)) {
        break;
      }
      waiting.splice(waiting.indexOf(job), 1);
      const slot = slots.take();
      const task: Promise<void> = runOne(job, slot)
        .then((record) => void records.set(job.name, record))
        .finally(() => {
          slots.release(slot);
          running.delete(task);
        });
      running.add(task);
    }
    if (running.size === 0) {
      return records;
    }
    await Promise.race(running);
  }
}

function isReady(job: PlannedJob, records: Records): boolean {
  return job.prerequisites.every((name) => {
    const done = records.get(name);
    return done?.status === 'success' || done?.allowedToFail === true;
  });
}

function blocks(record: PipelineJobRecord | undefined): boolean {
  if (!record) {
    return false;
  }
  return record.status !== 'success' && !record.allowedToFail;
}

/** Marks waiting jobs that can no longer run, until nothing changes. */
function settleBlocked(
  waiting: PlannedJob[],
  records: Records,
  canceled: boolean,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const job of [...waiting]) {
      const blocked = job.prerequisites.some((n) => blocks(records.get(n)));
      if (canceled || blocked) {
        waiting.splice(waiting.indexOf(job), 1);
        records.set(job.name, notRun(job, canceled ? 'canceled' : 'skipped'));
        changed = true;
      }
    }
  }
}

function notRun(
  job: PlannedJob,
  status: 'canceled' | 'skipped',
): PipelineJobRecord {
  return {
    name: job.name,
    stage: job.def.stage,
    id: job.id,
    status,
    allowedToFail: false,
  };
}
