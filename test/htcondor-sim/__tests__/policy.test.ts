import { spawnSync } from 'node:child_process';
import { listHistory, listQueue, waitForEmptyQueue } from '../src/api';
import {
  type Sim,
  eventCodes,
  makeSim,
  submitFile,
  waitFor,
} from './sim-fixture';

let sim: Sim;

beforeEach(() => {
  sim = makeSim();
  sim.file('job.sh', '#!/bin/sh\nsleep 5\n', true);
});
afterEach(() => sim.cleanup());

function submit(extra: Record<string, string>): void {
  sim.file('job.sub', submitFile({ executable: 'job.sh', log: 'job.log', ...extra }));
  expect(sim.run('condor_submit', ['-terse', 'job.sub']).status).toBe(0);
}

test('condor_submit returns at once, holding none of the caller\'s pipes', () => {
  sim.file('job.sub', submitFile({ executable: 'job.sh', log: 'job.log' }));
  const started = Date.now();
  const r = spawnSync('condor_submit', ['-terse', 'job.sub'], { cwd: sim.dir, env: sim.env, encoding: 'utf8', timeout: 4000 });

  expect(r.status).toBe(0);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(listQueue(sim.home)).toHaveLength(1);
});

test('allowed_execute_duration holds the job with code 47', async () => {
  submit({ allowed_execute_duration: '1' });
  const held = await waitFor('hold', () => listQueue(sim.home).find((ad) => ad.JobStatus === 5), 5000);

  expect(held).toMatchObject({ HoldReasonCode: 47, HoldReasonSubCode: 0, HoldReason: 'The job exceeded allowed execute duration of 0:00:01' });
  expect(eventCodes(sim.read('job.log')).pop()).toBe('012');
});

test('periodic_remove removes a running job with the expression as reason', async () => {
  submit({ periodic_remove: '(JobStatus == 2) && (time() - JobCurrentStartDate >= 0)' });
  await waitForEmptyQueue(sim.home, 5000);

  expect(listHistory(sim.home)[0]?.RemoveReason).toBe(
    "The job attribute PeriodicRemove expression '(JobStatus == 2) && (time() - JobCurrentStartDate >= 0)' evaluated to TRUE",
  );
  expect(eventCodes(sim.read('job.log')).slice(-2)).toEqual(['004', '009']);
});

test('condor_hold holds a running job until condor_rm', async () => {
  submit({});
  await waitFor('running', () => listQueue(sim.home)[0]?.JobStatus === 2);

  expect(sim.run('condor_hold', ['1.0']).stdout).toBe('Job 1.0 held\n');
  await waitFor('012', () => eventCodes(sim.read('job.log')).includes('012'));
  expect(listQueue(sim.home)[0]).toMatchObject({ JobStatus: 5, HoldReasonCode: 1 });
  expect(sim.read('job.log')).toMatch(/\tvia condor_hold \(by user \S+\)\n\tCode 1 Subcode 0\n/);
  sim.run('condor_rm', ['1']);
  await waitForEmptyQueue(sim.home, 5000);
  expect(eventCodes(sim.read('job.log')).pop()).toBe('009');
});
