import { readdirSync } from 'node:fs';
import { listQueue, readInvocations } from '../htcondor-sim/src/api';
import { makeSimWorld, startJob, type SimWorld } from './sim-job';

let world: SimWorld;
afterEach(() => world?.remove());

test('cancel while the HTCondor job runs: condor_rm within 2 s, after_script and cleanup run', async () => {
  world = makeSimWorld();
  let cancelledAt = 0;
  const handle = startJob(
    world.job({ script: ['echo started', 'sleep 60'], afterScript: ['echo after_script ran'] }),
    world.options({
      onTrace: (chunk) => {
        if (!cancelledAt && chunk.includes('started\n')) {
          cancelledAt = Date.now();
          handle.cancel();
        }
      },
    }),
  );
  const result = await handle.result;
  const buildCall = result.calls.find((c) => c.stage === 'build_script');

  expect(result.status).toBe('canceled');
  expect(buildCall?.ms).toBeLessThan(15_000);
  expect(result.trace).toMatch(/Cancelled: removing HTCondor job \d+\.0/);
  expect(result.trace).toMatch(/HTCondor job \d+\.0 was removed/);
  expect(result.trace).toContain('after_script ran');

  const rm = readInvocations(world.simHome).filter((i) => i.tool === 'condor_rm');
  expect(rm.length).toBeGreaterThanOrEqual(1);
  expect((rm[0]?.time ?? Infinity) - cancelledAt).toBeLessThan(2000);
  expect(listQueue(world.simHome)).toEqual([]);
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);
});

test('cancel while the HTCondor job is still queued: removed at once, nothing left', async () => {
  world = makeSimWorld();
  let cancelledAt = 0;
  const handle = startJob(
    world.job({ script: ['echo should never run'] }),
    world.options({
      env: { HTCONDOR_SIM_QUEUE_DELAY_MS: '60000' },
      onTrace: (chunk) => {
        if (!cancelledAt && /Submitted as HTCondor job/.test(chunk)) {
          cancelledAt = Date.now();
          handle.cancel();
        }
      },
    }),
  );
  const result = await handle.result;

  expect(result.status).toBe('canceled');
  expect(result.trace).not.toContain('should never run\n');
  const rm = readInvocations(world.simHome).filter((i) => i.tool === 'condor_rm');
  expect((rm[0]?.time ?? Infinity) - cancelledAt).toBeLessThan(2000);
  expect(listQueue(world.simHome)).toEqual([]);
});

test('the job timeout removes the HTCondor job and cleanup leaves nothing', async () => {
  world = makeSimWorld();
  const job = world.job({ script: ['echo waiting', 'sleep 120'], timeoutS: 8 });
  const result = await startJob(job, world.options()).result;

  expect(result).toMatchObject({ status: 'failed', failureReason: 'job_execution_timeout' });
  expect(readInvocations(world.simHome).some((i) => i.tool === 'condor_rm')).toBe(true);
  expect(listQueue(world.simHome)).toEqual([]);
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);
});
