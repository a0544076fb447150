import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listHistory, listQueue, waitForEmptyQueue } from '../src/api';
import * as fx from './sim-fixture';

let sim: fx.Sim;

beforeEach(() => {
  sim = fx.makeSim();
});
afterEach(() => sim.cleanup());

const log = () => sim.read('job.log');
const done = () => waitForEmptyQueue(sim.home, 10_000);

function submit(lines: Record<string, string>): void {
  sim.file('job.sub', fx.submitFile({ log: 'job.log', ...lines }));
  const r = sim.run('condor_submit', ['-terse', 'job.sub']);

  expect(r).toEqual({ status: 0, stdout: '1.0 - 1.0\n', stderr: '' });
}

test('streamed stdout and stderr reach the output file while running', async () => {
  const script = 'echo "out $1"\necho err >&2\nsleep 2\necho done';
  sim.file('job.sh', `#!/bin/sh\n${script}\n`, true);
  submit({
    executable: 'job.sh',
    arguments: `"'one two'"`,
    output: 'job.out',
    error: 'job.out',
    stream_output: 'true',
    stream_error: 'true',
  });
  const out = () => fx.readIfExists(join(sim.dir, 'job.out'));

  await fx.waitFor('streamed output', () => out().includes('err'));
  expect(out()).toBe('out one two\nerr\n');
  expect(listQueue(sim.home)[0]?.JobStatus).toBe(2);
  expect(fx.eventCodes(log())).not.toContain('005');
  await done();
  expect(out()).toBe('out one two\nerr\ndone\n');
});

test('a finished job logs the whole event sequence and goes to history', async () => {
  sim.file('job.sh', '#!/bin/sh\nexit 3\n', true);
  submit({ executable: 'job.sh' });
  await done();

  expect(fx.eventCodes(log())).toEqual([
    '000', '040', '040', '001', '006', '040', '040', '005',
  ]);
  expect(log()).toMatch(/\t\(1\) Normal termination \(return value 3\)\n/);
  expect(log()).toMatch(
    /\tJob terminated of its own accord at [\dT:-]+Z with exit-code 3\.\n\.\.\.\n$/,
  );
  expect(listHistory(sim.home)[0]).toMatchObject({
    JobStatus: 4,
    ExitCode: 3,
    ExitBySignal: false,
    NumJobStarts: 1,
    LastRemoteHost: 'slot1_1@sim-ep1.example.org',
  });
});

test('a job killed by a signal terminates abnormally', async () => {
  sim.file('job.sh', '#!/bin/sh\nkill -9 $$\n', true);
  submit({ executable: 'job.sh' });
  await done();

  expect(log()).toMatch(
    /\t\(0\) Abnormal termination \(signal 9\)\n\t\(0\) No core file\n/,
  );
  expect(listHistory(sim.home)[0]).toMatchObject({
    ExitBySignal: true,
    ExitSignal: 9,
  });
});

test('inputs go into the sandbox and outputs come back to Iwd', async () => {
  sim.file('in.txt', 'input data\n');
  const script = [
    'cat in.txt > copy.txt',
    'echo "$_CONDOR_SCRATCH_DIR" > where.txt',
    'pwd > cwd.txt',
    'mkdir sub',
  ];
  sim.file('job.sh', `#!/bin/sh\n${script.join('\n')}\n`, true);
  submit({ executable: 'job.sh', transfer_input_files: 'in.txt' });
  await done();

  expect(sim.read('copy.txt')).toBe('input data\n');
  const scratch = sim.read('where.txt').trim();
  expect(scratch).toMatch(/\/execute\/dir_\d+_\d+$/);
  expect(sim.read('cwd.txt').trim()).toBe(scratch);
  expect(existsSync(join(sim.dir, 'sub'))).toBe(false);
  expect(existsSync(scratch)).toBe(false);
});

test('output that is not streamed appears only at exit', async () => {
  sim.file('job.sh', '#!/bin/sh\necho early\nsleep 1\necho late >&2\n', true);
  submit({ executable: 'job.sh', output: 'o.txt', error: 'e.txt' });

  await fx.waitFor('run', () => listQueue(sim.home)[0]?.JobStatus === 2);
  expect(fx.readIfExists(join(sim.dir, 'o.txt'))).toBe('');
  await done();
  expect(sim.read('o.txt')).toBe('early\n');
  expect(sim.read('e.txt')).toBe('late\n');
});

test('a listed output file that is missing holds the job, code 12', async () => {
  sim.file('job.sh', '#!/bin/sh\ntrue\n', true);
  submit({ executable: 'job.sh', transfer_output_files: 'missing.csv' });

  const held = await fx.waitFor('hold', () =>
    listQueue(sim.home).find((ad) => ad.JobStatus === 5),
  );
  expect(held).toMatchObject({ HoldReasonCode: 12, HoldReasonSubCode: 2 });
  expect(String(held.HoldReason)).toMatch(
    /^Transfer output files failure at execution point slot1_1@sim-ep1\.example\.org .*missing\.csv: \(errno 2\) No such file or directory$/,
  );
  expect(fx.eventCodes(log()).slice(-4)).toEqual(['040', '040', '007', '012']);
  expect(log()).toMatch(/\tCode 12 Subcode 2\n\.\.\.\n$/);
});

test('without file transfer the job runs in Iwd', async () => {
  sim.file('job.sh', '#!/bin/sh\npwd > here.txt\n', true);
  submit({ executable: 'job.sh', should_transfer_files: 'NO' });
  await done();

  expect(sim.read('here.txt').trim()).toBe(sim.dir);
});
