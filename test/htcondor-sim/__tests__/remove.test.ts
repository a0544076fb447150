import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { listHistory, listQueue, waitForEmptyQueue } from '../src/api';
import * as fx from './sim-fixture';

let sim: fx.Sim;

beforeEach(() => {
  sim = fx.makeSim();
});
afterEach(() => sim.cleanup());

const user = userInfo().username;

/** Running, that is: a zombie waiting for init to reap it is gone. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Submits a job that starts a background child and reports both pids. */
async function startFamily(extra: Record<string, string>, trapTerm = false) {
  const trap = trapTerm ? "trap '' TERM\n" : '';
  const script = `#!/bin/sh\n${trap}sleep 60 &\necho "pids $$ $!"\nwait\n`;
  sim.file('job.sh', script, true);
  sim.file('job.sub', fx.submitFile({
    executable: 'job.sh',
    log: 'job.log',
    output: 'job.out',
    stream_output: 'true',
    ...extra,
  }));
  expect(sim.run('condor_submit', ['-terse', 'job.sub']).status).toBe(0);
  const out = () => fx.readIfExists(join(sim.dir, 'job.out'));
  const line = await fx.waitFor('pids', () => /pids (\d+) (\d+)/.exec(out()));

  return [Number(line[1]), Number(line[2])];
}

test('condor_rm kills the process group and logs 004 then 009', async () => {
  const pids = await startFamily({});
  const r = sim.run('condor_rm', ['1']);

  expect(r).toMatchObject({
    status: 0,
    stdout: 'All jobs in cluster 1 have been marked for removal\n',
  });
  await fx.waitFor('the end', () => pids.every((p) => !alive(p)), 3000);
  await waitForEmptyQueue(sim.home, 5000);
  const log = sim.read('job.log');
  expect(fx.eventCodes(log).slice(-2)).toEqual(['004', '009']);
  expect(log.endsWith(
    `Job was aborted.\n\tvia condor_rm (by user ${user})\n...\n`,
  )).toBe(true);
  expect(listHistory(sim.home)[0]).toMatchObject({
    JobStatus: 3,
    RemoveReason: `via condor_rm (by user ${user})`,
  });
});

test('a job ignoring SIGTERM is killed after job_max_vacate_time', async () => {
  const pids = await startFamily({ job_max_vacate_time: '1' }, true);
  const started = Date.now();
  const r = sim.run('condor_rm', ['1.0']);

  expect(r.stdout).toBe('Job 1.0 marked for removal\n');
  await fx.waitFor('the end', () => pids.every((p) => !alive(p)), 5000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  await waitForEmptyQueue(sim.home, 5000);
});

test('removing an idle job logs only 009', async () => {
  sim.file('job.sh', '#!/bin/sh\ntrue\n', true);
  sim.file('job.sub', fx.submitFile({ executable: 'job.sh', log: 'job.log' }));
  const slow = { HTCONDOR_SIM_QUEUE_DELAY_MS: '60000' };
  sim.run('condor_submit', ['-terse', 'job.sub'], slow);
  const r = sim.run('condor_rm', ['-constraint', 'ClusterId == 1']);

  expect(r.stdout).toBe(
    'All jobs matching constraint (ClusterId == 1) have been marked for removal\n',
  );
  await waitForEmptyQueue(sim.home, 5000);
  expect(fx.eventCodes(sim.read('job.log'))).toEqual(['000', '009']);
});

test.each([
  [['7'], "Couldn't find/remove all jobs in cluster 7\n"],
  [['7.0'], 'Job 7.0 not found\n'],
  [
    ['-constraint', 'JobStatus == 2'],
    "Couldn't find/remove all jobs matching constraint (JobStatus == 2)\n",
  ],
])('condor_rm %j with nothing to remove exits 1', (args, message) => {
  const r = sim.run('condor_rm', args);

  expect(r).toEqual({ status: 1, stdout: '', stderr: message });
  expect(listQueue(sim.home)).toHaveLength(0);
});
