import { join } from 'node:path';
import {
  listHistory,
  listQueue,
  waitForEmptyQueue,
  writeFaults,
} from '../src/api';
import {
  type Sim,
  eventCodes,
  makeSim,
  readIfExists,
  submitFile,
  waitFor,
} from './sim-fixture';

let sim: Sim;

beforeEach(() => {
  sim = makeSim();
  sim.file('job.sh', '#!/bin/sh\necho "attempt $(date +%s%N)"\nsleep 1\necho done\n', true);
  sim.file('job.sub', submitFile({ executable: 'job.sh', log: 'job.log', output: 'job.out', stream_output: 'true' }));
});
afterEach(() => sim.cleanup());

const submit = () => sim.run('condor_submit', ['-terse', 'job.sub']);

test('submit_error fails the first N submits like a schedd that is down', () => {
  writeFaults(sim.home, { submit_error: { times: 2 } });

  expect(submit()).toEqual({ status: 1, stdout: '', stderr: "ERROR: Can't find address of local schedd\n" });
  expect(sim.run('condor_submit', ['-name', 'sched1', '-terse', 'job.sub']).stderr).toBe("ERROR: Can't find address of schedd sched1\n");
  expect(submit()).toMatchObject({ status: 0, stdout: '1.0 - 1.0\n' });
});

test('hold keeps the job held until condor_release, then it runs again', async () => {
  writeFaults(sim.home, { hold: { code: 21, subcode: 1001, reason: 'memory usage exceeded request_memory', after_ms: 100 } });
  submit();

  const held = await waitFor('hold', () => listQueue(sim.home).find((ad) => ad.JobStatus === 5));
  expect(held).toMatchObject({ HoldReasonCode: 21, HoldReasonSubCode: 1001, HoldReason: 'memory usage exceeded request_memory' });
  expect(sim.read('job.log')).toMatch(/012 \(001\.000\.000\) .* Job was held\.\n\tmemory usage exceeded request_memory\n\tCode 21 Subcode 1001\n\.\.\.\n$/);
  await new Promise((r) => setTimeout(r, 300));
  expect(listQueue(sim.home)[0]?.JobStatus).toBe(5);

  expect(sim.run('condor_release', ['1']).stdout).toBe('All jobs in cluster 1 have been released\n');
  await waitForEmptyQueue(sim.home, 10_000);
  expect(eventCodes(sim.read('job.log'))).toEqual(['000', '040', '040', '001', '006', '007', '012', '013', '040', '040', '001', '006', '040', '040', '005']);
});

test('evict_once restarts the job and the streamed output starts over', async () => {
  writeFaults(sim.home, { evict_once: { after_ms: 300 } });
  submit();
  const first = await waitFor('first attempt output', () => readIfExists(join(sim.dir, 'job.out')).match(/attempt \d+/)?.[0]);

  await waitForEmptyQueue(sim.home, 10_000);
  const out = sim.read('job.out');
  expect(out).toMatch(/^attempt \d+\ndone\n$/);
  expect(out).not.toContain(first);
  expect(eventCodes(sim.read('job.log'))).toEqual(['000', '040', '040', '001', '006', '004', '040', '040', '001', '006', '040', '040', '005']);
  expect(listHistory(sim.home)[0]).toMatchObject({ NumJobStarts: 2, JobStatus: 4 });
});

test('lose_job drops the job from the queue and silences its log', async () => {
  writeFaults(sim.home, { lose_job: { after_ms: 100 } });
  submit();
  await waitForEmptyQueue(sim.home, 10_000);
  const log = sim.read('job.log');

  await new Promise((r) => setTimeout(r, 1500));
  expect(sim.read('job.log')).toBe(log);
  expect(eventCodes(log).pop()).toBe('006');
  expect(listHistory(sim.home)).toHaveLength(0);
  expect(sim.run('condor_q', ['-json', '1']).stdout).toBe('');
});

test('output_transfer_error holds the job with code 12 after a 007', async () => {
  writeFaults(sim.home, { output_transfer_error: true });
  submit();
  const held = await waitFor('hold', () => listQueue(sim.home).find((ad) => ad.JobStatus === 5));

  expect(held).toMatchObject({ HoldReasonCode: 12, HoldReasonSubCode: 2 });
  expect(eventCodes(sim.read('job.log')).slice(-3)).toEqual(['040', '007', '012']);
  expect(sim.run('condor_rm', ['1']).status).toBe(0);
  await waitForEmptyQueue(sim.home, 5000);
});

test('a fault with a constraint hits only matching jobs; queue_delay_ms slows matching', async () => {
  sim.file('tagged.sub', `MY.GitLabStage = "build_script"\n${submitFile({ executable: 'job.sh', log: 'tagged.log' })}`);
  writeFaults(sim.home, { queue_delay_ms: 800, hold: { code: 3, reason: 'policy', constraint: 'GitLabStage == "build_script"', after_ms: 0 } });
  submit();
  sim.run('condor_submit', ['-terse', 'tagged.sub']);
  await new Promise((r) => setTimeout(r, 400));
  expect(listQueue(sim.home).map((ad) => ad.JobStatus)).toEqual([1, 1]);

  const held = await waitFor('hold', () => listQueue(sim.home).find((ad) => ad.JobStatus === 5));
  expect(held.ClusterId).toBe(2);
  await waitFor('first job done', () => listHistory(sim.home).find((ad) => ad.ClusterId === 1));
  sim.run('condor_rm', ['2']);
  await waitForEmptyQueue(sim.home, 5000);
});
