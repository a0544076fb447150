import { join } from 'node:path';
import * as api from '../src/api';
import * as fx from './sim-fixture';

let sim: fx.Sim;

beforeEach(() => {
  sim = fx.makeSim();
  const script = 'echo "attempt $(date +%s%N)"\nsleep 1\necho done';
  sim.file('job.sh', `#!/bin/sh\n${script}\n`, true);
  sim.file('job.sub', fx.submitFile({
    executable: 'job.sh',
    log: 'job.log',
    output: 'job.out',
    stream_output: 'true',
  }));
});
afterEach(() => sim.cleanup());

const submit = () => sim.run('condor_submit', ['-terse', 'job.sub']);
const codes = () => fx.eventCodes(sim.read('job.log'));
/**
 * The held job's ad, once the hold is both in the queue and in the event
 * log: the two are written one after the other, so a reader may see one
 * before the other, as with HTCondor.
 */
const heldJob = (log = 'job.log') =>
  fx.waitFor('hold', () =>
    fx.eventCodes(sim.read(log)).at(-1) === '012' &&
    api.listQueue(sim.home).find((ad) => ad.JobStatus === 5),
  );
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Event numbers of one attempt that runs to its end. */
const RUN = ['040', '040', '001', '006'];
const FINISH = ['040', '040', '005'];

test('submit_error fails the first N submits like a schedd that is down', () => {
  api.writeFaults(sim.home, { submit_error: { times: 2 } });
  const named = sim.run('condor_submit', ['-name', 's1', '-terse', 'job.sub']);

  expect(named).toEqual({
    status: 1,
    stdout: '',
    stderr: "ERROR: Can't find address of schedd s1\n",
  });
  expect(submit().stderr).toBe("ERROR: Can't find address of local schedd\n");
  expect(submit()).toMatchObject({ status: 0, stdout: '1.0 - 1.0\n' });
});

test('hold keeps the job held until condor_release, then it runs again', async () => {
  const reason = 'memory usage exceeded request_memory';
  api.writeFaults(sim.home, {
    hold: { code: 21, subcode: 1001, reason, after_ms: 100 },
  });
  submit();

  expect(await heldJob()).toMatchObject({
    HoldReasonCode: 21,
    HoldReasonSubCode: 1001,
    HoldReason: reason,
  });
  expect(sim.read('job.log')).toMatch(
    /012 \(001\.000\.000\) .* Job was held\.\n\tmemory usage exceeded request_memory\n\tCode 21 Subcode 1001\n\.\.\.\n$/,
  );
  await pause(300);
  expect(api.listQueue(sim.home)[0]?.JobStatus).toBe(5);
  expect(sim.run('condor_release', ['1']).stdout).toBe(
    'All jobs in cluster 1 have been released\n',
  );
  await api.waitForEmptyQueue(sim.home, 10_000);
  const held = ['007', '012', '013'];
  expect(codes()).toEqual(['000', ...RUN, ...held, ...RUN, ...FINISH]);
});

test('evict_once restarts the job and the streamed output starts over', async () => {
  api.writeFaults(sim.home, { evict_once: { after_ms: 300 } });
  submit();
  const out = () => fx.readIfExists(join(sim.dir, 'job.out'));
  const attempt = () => out().match(/attempt \d+/)?.[0];
  const first = await fx.waitFor('first output', attempt);

  await api.waitForEmptyQueue(sim.home, 10_000);
  expect(out()).toMatch(/^attempt \d+\ndone\n$/);
  expect(out()).not.toContain(first);
  expect(codes()).toEqual(['000', ...RUN, '004', ...RUN, ...FINISH]);
  expect(api.listHistory(sim.home)[0]).toMatchObject({
    NumJobStarts: 2,
    JobStatus: 4,
  });
});

test('lose_job drops the job from the queue and silences its log', async () => {
  api.writeFaults(sim.home, { lose_job: { after_ms: 100 } });
  submit();
  await api.waitForEmptyQueue(sim.home, 10_000);
  const log = sim.read('job.log');

  await pause(1500);
  expect(sim.read('job.log')).toBe(log);
  expect(fx.eventCodes(log).pop()).toBe('006');
  expect(api.listHistory(sim.home)).toHaveLength(0);
  expect(sim.run('condor_q', ['-json', '1']).stdout).toBe('');
});

test('output_transfer_error holds the job with code 12 after a 007', async () => {
  api.writeFaults(sim.home, { output_transfer_error: true });
  submit();

  expect(await heldJob()).toMatchObject({
    HoldReasonCode: 12,
    HoldReasonSubCode: 2,
  });
  expect(codes().slice(-3)).toEqual(['040', '007', '012']);
  expect(sim.run('condor_rm', ['1']).status).toBe(0);
  await api.waitForEmptyQueue(sim.home, 5000);
});

test('a constraint limits a fault to matching jobs; queue_delay_ms waits', async () => {
  const tagged = fx.submitFile({ executable: 'job.sh', log: 'tagged.log' });
  sim.file('tagged.sub', `MY.GitLabStage = "build_script"\n${tagged}`);
  api.writeFaults(sim.home, {
    queue_delay_ms: 800,
    hold: {
      code: 3,
      reason: 'policy',
      constraint: 'GitLabStage == "build_script"',
      after_ms: 0,
    },
  });
  submit();
  sim.run('condor_submit', ['-terse', 'tagged.sub']);
  await pause(400);
  expect(api.listQueue(sim.home).map((ad) => ad.JobStatus)).toEqual([1, 1]);

  expect((await heldJob('tagged.log')).ClusterId).toBe(2);
  await fx.waitFor('the untagged job', () =>
    api.listHistory(sim.home).find((ad) => ad.ClusterId === 1),
  );
  sim.run('condor_rm', ['2']);
  await api.waitForEmptyQueue(sim.home, 5000);
});
