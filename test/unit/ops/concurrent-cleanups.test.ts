import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { newStageRecord } from '../../../executor/stages/remote/stage-record';
import {
  CLI,
  makeSandbox,
  runDriver,
  type JobSandbox,
} from '../../integration/driver-process';

/**
 * Many CI jobs end at once on a busy runner: their cleanups (the built
 * CLI, run from dist/) must each leave one whole line in the records file
 * and be counted exactly once in the metrics file.
 */
const JOBS = 12;
let box: JobSandbox;
let metrics: string;
let records: string;

beforeAll(() => {
  box = makeSandbox('');
  metrics = join(box.root, 'textfile', 'executor.prom');
  records = join(box.root, 'records', 'jobs.jsonl');
  writeFileSync(
    box.settingsFile,
    `${readFileSync(box.settingsFile, 'utf8')}\n[logging]\n` +
      `records_file = "${records}"\nmetrics_file = "${metrics}"\n`,
  );
});
afterAll(() => box.remove());

/** A state dir as a finished job leaves it, and the env of its cleanup. */
function finishedJob(i: number): NodeJS.ProcessEnv {
  const runnerTmp = join(box.root, `runner-tmp-${i}`);
  mkdirSync(runnerTmp);
  const stateDir = join(box.stateDir, `job-${1000 + i}-runner-tmp-${i}`);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const stage = {
    ...newStageRecord('build_script'), outcome: 'success', exitCode: 0,
    submittedAt: 1_000, startedAt: 3_000, endedAt: 4_000,
    bytesSent: 100 + i, bytesReturned: 10,
    holds: [{ code: 13, subcode: 0, reason: 'Transfer input files failure' }],
  };
  const line = `${JSON.stringify(stage)}\n`;
  writeFileSync(join(stateDir, 'stage-records.jsonl'), line);

  return {
    ...box.env,
    TMPDIR: runnerTmp,
    CUSTOM_ENV_CI_JOB_ID: String(1000 + i),
  };
}

function cleanup(env: NodeJS.ProcessEnv) {
  return promisify(execFile)(CLI, ['cleanup', '--config', box.settingsFile], {
    env, cwd: env.TMPDIR, timeout: 30_000,
  });
}

/** Job dirs the cleanups have not removed. */
const leftJobDirs = () =>
  readdirSync(box.stateDir).filter((name) => name.startsWith('job-'));

test(`${JOBS} cleanups at once: a record each, each counted once`, async () => {
  const envs = Array.from({ length: JOBS }, (_, i) => finishedJob(i));
  const runs = await Promise.all(envs.map(cleanup));
  expect(runs.map((r) => r.stderr).join('')).toBe('');

  const lines = readFileSync(records, 'utf8').trimEnd().split('\n');
  const ids = lines.map((line) => JSON.parse(line).jobId).sort();
  expect(ids).toEqual(envs.map((e) => Number(e.CUSTOM_ENV_CI_JOB_ID)).sort());
  expect(JSON.parse(lines[0] as string)).toMatchObject({
    outcome: 'success', queuedS: 2, runS: 1, bytesReturned: 10,
  });

  const text = readFileSync(metrics, 'utf8');
  const P = 'gitlab_htcondor_executor_';
  expect(text).toContain(`${P}jobs_total{outcome="success"} ${JOBS}`);
  expect(text).toContain(`${P}holds_total{code="13"} ${JOBS}`);
  expect(text).toContain(`${P}queued_seconds_total ${2 * JOBS}`);
  expect(readdirSync(join(box.root, 'textfile'))).toEqual(['executor.prom']);
  expect(leftJobDirs()).toEqual([]);
});

test('a second cleanup of the same job adds nothing', () => {
  const env = finishedJob(JOBS);
  const before = existsSync(records) ? readFileSync(records, 'utf8') : '';
  const first = runDriver(box, ['cleanup'], env);
  const second = runDriver(box, ['cleanup'], env);

  expect([first.status, second.status]).toEqual([0, 0]);
  const added = readFileSync(records, 'utf8').slice(before.length);
  expect(added.trimEnd().split('\n')).toHaveLength(1);
});

test('a records file that cannot be written does not fail the cleanup', () => {
  const env = finishedJob(JOBS + 1);
  const broken = readFileSync(box.settingsFile, 'utf8').replace(
    `records_file = "${records}"`,
    `records_file = "${box.settingsFile}/jobs.jsonl"`,
  );
  writeFileSync(box.settingsFile, broken);
  const run = runDriver(box, ['cleanup'], env);

  expect(run.status).toBe(0);
  expect(leftJobDirs()).toEqual([]);
  const log = readFileSync(join(box.stateDir, 'driver.log'), 'utf8');
  expect(log).toMatch(/"message":"job record incomplete"/);
});
