import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listQueue, waitForEmptyQueue, writeFaults } from '../htcondor-sim/src/api';
import { runJob, type JobResult } from '../runner-harness';
import { makeSimWorld, type SimWorld } from '../integration/sim-job';

/**
 * Many short CI jobs, a mix of success, failure, hold and cancel, through
 * the harness, the built driver and the simulator; afterwards nothing may be
 * left: no queued job, no state dir, no execute dir.
 */
const JOBS = Number(process.env.SOAK_JOBS ?? 200);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 4);

type Kind = 'success' | 'failure' | 'hold' | 'cancel';
const KINDS: Kind[] = ['success', 'failure', 'hold', 'cancel'];

const expected: Record<Kind, Partial<JobResult>> = {
  success: { status: 'success' },
  failure: { status: 'failed', failureReason: 'script_failure', exitCode: 3 },
  hold: { status: 'failed', failureReason: 'script_failure', exitCode: 137 },
  cancel: { status: 'canceled' },
};

let world: SimWorld;
afterAll(() => world?.remove());

function runOne(i: number): Promise<[Kind, JobResult]> {
  const kind = KINDS[i % KINDS.length] as Kind;
  const script = {
    success: ['echo ok'],
    failure: ['echo failing', 'exit 3'],
    hold: ['echo holding', 'sleep 30'],
    cancel: ['echo cancel-me', 'sleep 30'],
  }[kind];
  const job = world.job({ id: 50_000 + i, script, projectPath: `soak/${kind}` });
  const options = world.options({
    cancelAfterMs: kind === 'cancel' ? 2500 : undefined,
    concurrentId: i % CONCURRENCY,
    concurrentProjectId: i % CONCURRENCY,
  });

  return runJob(job, options).then((result) => [kind, result]);
}

test(`${JOBS} short jobs end as expected and leave nothing behind`, async () => {
  world = makeSimWorld();
  writeFaults(world.simHome, {
    hold: { code: 34, reason: 'Job has gone over memory limit', after_ms: 300, constraint: 'GitLabProjectPath == "soak/hold"' },
  });

  const results: [Kind, JobResult][] = [];
  let next = 0;
  const worker = async () => {
    while (next < JOBS) results.push(await runOne(next++));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const wrong = results.filter(([kind, r]) => !matches(r, expected[kind]));
  for (const [kind, r] of wrong.slice(0, 3)) {
    console.error(`${kind} job ended wrongly; end of its trace:\n${r.trace.split('\n').slice(-12).join('\n')}`);
  }
  expect(wrong.map(([kind, r]) => `${kind}: ${r.status} ${r.failureReason} ${r.exitCode}`)).toEqual([]);
  expect(results).toHaveLength(JOBS);
  await waitForEmptyQueue(world.simHome, 30_000);
  expect(listQueue(world.simHome)).toEqual([]);
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);
  expect(readdirSync(join(world.simHome, 'execute'))).toEqual([]);
}, 60 * 60 * 1000);

function matches(r: JobResult, want: Partial<JobResult>): boolean {
  return Object.entries(want).every(([k, v]) => r[k as keyof JobResult] === v);
}
