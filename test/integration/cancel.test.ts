import { readdirSync } from 'node:fs';
import { listQueue, readInvocations } from '../htcondor-sim/src/api';
import { makeSimWorld, startJob, type SimWorld } from './sim-job';

let world: SimWorld;
afterEach(() => world?.remove());

test('cancel while the HTCondor job runs: removed within seconds, after_script and cleanup run', async () => {
  world = makeSimWorld();
  let runningAt = 0;
  const handle = startJob(
    world.job({ script: ['echo started', 'sleep 60'], afterScript: ['echo after_script ran'] }),
    world.options({
      onTrace: (chunk) => {
        if (!runningAt && chunk.includes('started\n')) {
          runningAt = Date.now();
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
  expect((rm[0]?.time ?? Infinity) - runningAt).toBeLessThan(5000);
  expect(listQueue(world.simHome)).toEqual([]);
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);
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
