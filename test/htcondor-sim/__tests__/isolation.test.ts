import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isolationFallback, waitForEmptyQueue } from '../src/api';
import { type Sim, makeSim, submitFile } from './sim-fixture';

let sim: Sim;
let unique: string;

beforeEach(() => {
  unique = `htcondor-sim-isolation-${randomBytes(6).toString('hex')}`;
});
afterEach(async () => {
  rmSync(join('/tmp', unique), { recursive: true, force: true });
  await sim.cleanup();
});

const JOB = [
  '#!/bin/sh',
  'mkdir -p "/tmp/$1"',
  'echo secret > "/tmp/$1/x"',
  'echo tmpdir > "$TMPDIR/y"',
  'cat "/tmp/$1/x"',
];

/** A job that writes under an absolute /tmp path and into its TMPDIR. */
async function runTmpWriter(env: NodeJS.ProcessEnv = {}): Promise<void> {
  sim = makeSim(env);
  sim.file('job.sh', `${JOB.join('\n')}\n`, true);
  sim.file('job.sub', submitFile({
    executable: 'job.sh',
    arguments: unique,
    log: 'job.log',
    output: 'job.out',
  }));
  expect(sim.run('condor_submit', ['-terse', 'job.sub']).status).toBe(0);
  await waitForEmptyQueue(sim.home, 10_000);
  expect(sim.read('job.out')).toBe('secret\n');
}

test('a job writing to /tmp/<unique>/x leaves the submit side /tmp untouched', async () => {
  await runTmpWriter();
  const fallback = isolationFallback(sim.home);

  if (fallback) {
    process.stderr.write(
      `NOTE: no private mount namespace here (${fallback}); jobs share /tmp\n`,
    );
    expect(existsSync(join('/tmp', unique, 'x'))).toBe(true);
  } else {
    expect(existsSync(join('/tmp', unique))).toBe(false);
  }
});

test('without a mount namespace the simulator says so plainly and falls back', async () => {
  await runTmpWriter({ HTCONDOR_SIM_NO_NAMESPACE: '1' });
  const logDir = join(sim.home, 'log');
  const daemonLog = readdirSync(logDir)
    .map((f) => readFileSync(join(logDir, f), 'utf8'))
    .join('');

  expect(isolationFallback(sim.home)).toMatch(
    /disabled by HTCONDOR_SIM_NO_NAMESPACE=1/,
  );
  expect(daemonLog).toMatch(/WARNING: jobs run WITHOUT a private \/tmp/);
  expect(readFileSync(join('/tmp', unique, 'x'), 'utf8')).toBe('secret\n');
});
