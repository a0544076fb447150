import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listHistory, listQueue, waitForEmptyQueue } from '../src/api';
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
});
afterEach(() => sim.cleanup());


function submit(lines: Record<string, string>): number {
  sim.file('job.sub', submitFile(lines));
  const r = sim.run('condor_submit', ['-terse', 'job.sub']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);

  return Number(r.stdout.split('.')[0]);
}

test('streamed stdout and stderr reach the output file while the job runs', async () => {
  sim.file('job.sh', '#!/bin/sh\necho "out $1"\necho err >&2\nsleep 2\necho done\n', true);
  submit({ executable: 'job.sh', arguments: '"\'one two\'"', log: 'job.log', output: 'job.out', error: 'job.out', stream_output: 'true', stream_error: 'true' });

  await waitFor('streamed output', () => readIfExists(join(sim.dir, 'job.out')).includes('err'));
  expect(readIfExists(join(sim.dir, 'job.out'))).toBe('out one two\nerr\n');
  expect(listQueue(sim.home)[0]?.JobStatus).toBe(2);
  expect(eventCodes(sim.read('job.log'))).not.toContain('005');

  await waitForEmptyQueue(sim.home, 10_000);
  expect(sim.read('job.out')).toBe('out one two\nerr\ndone\n');
});

test('a finished job logs the full event sequence and lands in history', async () => {
  sim.file('job.sh', '#!/bin/sh\nexit 3\n', true);
  submit({ executable: 'job.sh', log: 'job.log' });
  await waitForEmptyQueue(sim.home, 10_000);

  expect(eventCodes(sim.read('job.log'))).toEqual(['000', '040', '040', '001', '006', '040', '040', '005']);
  expect(sim.read('job.log')).toMatch(/\t\(1\) Normal termination \(return value 3\)\n/);
  expect(sim.read('job.log')).toMatch(/\tJob terminated of its own accord at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ with exit-code 3\.\n\.\.\.\n$/);
  expect(listHistory(sim.home)[0]).toMatchObject({ JobStatus: 4, ExitCode: 3, ExitBySignal: false, NumJobStarts: 1, LastRemoteHost: 'slot1_1@sim-ep1.example.org' });
});

test('a job killed by a signal terminates abnormally', async () => {
  sim.file('job.sh', '#!/bin/sh\nkill -9 $$\n', true);
  submit({ executable: 'job.sh', log: 'job.log' });
  await waitForEmptyQueue(sim.home, 10_000);

  expect(sim.read('job.log')).toMatch(/\t\(0\) Abnormal termination \(signal 9\)\n\t\(0\) No core file\n/);
  expect(listHistory(sim.home)[0]).toMatchObject({ ExitBySignal: true, ExitSignal: 9 });
});

test('inputs are transferred into the sandbox and outputs back to Iwd', async () => {
  sim.file('in.txt', 'input data\n');
  sim.file('job.sh', '#!/bin/sh\ncat in.txt > copy.txt\necho "$_CONDOR_SCRATCH_DIR" > where.txt\npwd > cwd.txt\nmkdir sub\n', true);
  submit({ executable: 'job.sh', log: 'job.log', transfer_input_files: 'in.txt', output: 'job.out' });
  await waitForEmptyQueue(sim.home, 10_000);

  expect(sim.read('copy.txt')).toBe('input data\n');
  const scratch = sim.read('where.txt').trim();
  expect(scratch).toMatch(/\/execute\/dir_\d+_\d+$/);
  expect(sim.read('cwd.txt').trim()).toBe(scratch);
  expect(existsSync(join(sim.dir, 'sub'))).toBe(false);
  expect(existsSync(scratch)).toBe(false);
});

test('output that is not streamed appears only at exit', async () => {
  sim.file('job.sh', '#!/bin/sh\necho early\nsleep 1\necho late >&2\n', true);
  submit({ executable: 'job.sh', log: 'job.log', output: 'o.txt', error: 'e.txt' });

  await waitFor('job to run', () => listQueue(sim.home)[0]?.JobStatus === 2);
  expect(readIfExists(join(sim.dir, 'o.txt'))).toBe('');
  await waitForEmptyQueue(sim.home, 10_000);
  expect(sim.read('o.txt')).toBe('early\n');
  expect(sim.read('e.txt')).toBe('late\n');
});

test('a listed output file that is missing holds the job with code 12', async () => {
  sim.file('job.sh', '#!/bin/sh\ntrue\n', true);
  submit({ executable: 'job.sh', log: 'job.log', transfer_output_files: 'missing.csv' });

  const held = await waitFor('hold', () => listQueue(sim.home).find((ad) => ad.JobStatus === 5));
  expect(held).toMatchObject({ HoldReasonCode: 12, HoldReasonSubCode: 2 });
  expect(String(held.HoldReason)).toMatch(/^Transfer output files failure at execution point slot1_1@sim-ep1\.example\.org .*missing\.csv: \(errno 2\) No such file or directory$/);
  expect(eventCodes(sim.read('job.log')).slice(-4)).toEqual(['040', '040', '007', '012']);
  expect(sim.read('job.log')).toMatch(/\tCode 12 Subcode 2\n\.\.\.\n$/);
});

test('without file transfer the job runs in Iwd', async () => {
  sim.file('job.sh', '#!/bin/sh\npwd > here.txt\n', true);
  submit({ executable: 'job.sh', log: 'job.log', should_transfer_files: 'NO' });
  await waitForEmptyQueue(sim.home, 10_000);

  expect(sim.read('here.txt').trim()).toBe(sim.dir);
});
