import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listHistory, listQueue, waitForEmptyQueue } from '../src/api';
import * as fx from './sim-fixture';

let sim: fx.Sim;

beforeEach(() => {
  sim = fx.makeSim();
  sim.file('job.sh', '#!/bin/sh\nsleep 5\n', true);
});
afterEach(() => sim.cleanup());

const codes = () => fx.eventCodes(sim.read('job.log'));

function submit(extra: Record<string, string>): void {
  const lines = { executable: 'job.sh', log: 'job.log', ...extra };
  sim.file('job.sub', fx.submitFile(lines));
  expect(sim.run('condor_submit', ['-terse', 'job.sub']).status).toBe(0);
}

test("condor_submit returns at once, holding none of the caller's pipes", () => {
  sim.file('job.sub', fx.submitFile({ executable: 'job.sh', log: 'job.log' }));
  const started = Date.now();
  const r = spawnSync('condor_submit', ['-terse', 'job.sub'], {
    cwd: sim.dir,
    env: sim.env,
    encoding: 'utf8',
    timeout: 4000,
  });

  expect(r.status).toBe(0);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(listQueue(sim.home)).toHaveLength(1);
});

test('allowed_execute_duration holds the job with code 47', async () => {
  submit({ allowed_execute_duration: '1' });
  const held = await fx.waitFor(
    'hold',
    () => listQueue(sim.home).find((ad) => ad.JobStatus === 5),
    5000,
  );

  expect(held).toMatchObject({
    HoldReasonCode: 47,
    HoldReasonSubCode: 0,
    HoldReason: 'The job exceeded allowed execute duration of 0:00:01',
  });
  expect(codes().pop()).toBe('012');
});

test('periodic_remove removes a running job, the expression as reason', async () => {
  const expression = '(JobStatus == 2) && (time() - JobCurrentStartDate >= 0)';
  submit({ periodic_remove: expression });
  await waitForEmptyQueue(sim.home, 5000);

  expect(listHistory(sim.home)[0]?.RemoveReason).toBe(
    `The job attribute PeriodicRemove expression '${expression}' evaluated to TRUE`,
  );
  expect(codes().slice(-2)).toEqual(['004', '009']);
});

test('condor_hold holds a running job until condor_rm', async () => {
  submit({});
  await fx.waitFor('run', () => listQueue(sim.home)[0]?.JobStatus === 2);

  expect(sim.run('condor_hold', ['1.0']).stdout).toBe('Job 1.0 held\n');
  await fx.waitFor('012', () => codes().includes('012'));
  expect(listQueue(sim.home)[0]).toMatchObject({
    JobStatus: 5,
    HoldReasonCode: 1,
  });
  expect(sim.read('job.log')).toMatch(
    /\tvia condor_hold \(by user \S+\)\n\tCode 1 Subcode 0\n/,
  );
  sim.run('condor_rm', ['1']);
  await waitForEmptyQueue(sim.home, 5000);
  expect(codes().pop()).toBe('009');
});

test('a daemon gives up after HTCONDOR_SIM_MAX_DAEMON_S; condor_rm still works', async () => {
  sim.file('job.sub', fx.submitFile({ executable: 'job.sh', log: 'job.log' }));
  const env = {
    HTCONDOR_SIM_MAX_DAEMON_S: '1',
    HTCONDOR_SIM_QUEUE_DELAY_MS: '60000',
  };
  sim.run('condor_submit', ['-terse', 'job.sub'], env);
  const meta = join(sim.home, 'clusters', '1.json');

  await fx.waitFor('the daemon to give up', () => !existsSync(meta), 5000);
  expect(listQueue(sim.home)[0]?.JobStatus).toBe(1);
  expect(sim.run('condor_rm', ['1']).status).toBe(0);
  expect(listQueue(sim.home)).toHaveLength(0);
  expect(codes()).toEqual(['000', '009']);
});
