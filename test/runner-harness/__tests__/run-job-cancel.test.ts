import { readFileSync } from 'fs';
import { join } from 'path';
import { startJob } from '../runner/run-job';
import { JobResult, JobSpec, RunJobOptions } from '../types';
import {
  fakeOptions,
  plainTrace,
  readCalls,
  useWorkspace,
} from './harness-fixtures';

const ws = useWorkspace();

const job = (extra: Partial<JobSpec> = {}): JobSpec => ({
  name: 'long',
  repoUrl: ws.repo,
  script: ['echo started', 'sleep 30'],
  afterScript: ['echo "after_script ran with $CI_JOB_STATUS"'],
  artifacts: { paths: ['*.txt'], when: 'always' },
  variables: [{ key: 'GIT_STRATEGY', value: 'none' }],
  ...extra,
});

interface Watched {
  result: JobResult;
  /** Milliseconds from the cancel to the end of the named section. */
  sinceCancel(section: string): number;
}

/** Cancels once `marker` shows up in the live trace. */
async function cancelWhen(
  marker: string,
  spec: JobSpec,
  options: RunJobOptions,
): Promise<Watched> {
  let text = '';
  let cancelledAt = 0;
  const ends = new Map<string, number>();
  const handle = startJob(spec, {
    ...options,
    onTrace: (chunk) => {
      text += chunk;
      const end = /section_end:\d+:([a-z_]+)/.exec(chunk);
      if (end?.[1]) {
        ends.set(end[1], Date.now());
      }
      if (!cancelledAt && text.includes(marker)) {
        cancelledAt = Date.now();
        handle.cancel();
      }
    },
  });
  const result = await handle.result;
  return {
    result,
    sinceCancel: (section) => (ends.get(section) ?? NaN) - cancelledAt,
  };
}

test('cancel SIGTERMs the user script; after_script and uploads still run', async () => {
  const { result, sinceCancel } = await cancelWhen('started\n', job(), fakeOptions(ws));

  expect(result.status).toBe('canceled');
  expect(result.failureReason).toBeUndefined();
  expect(sinceCancel('step_script')).toBeLessThan(1500);
  expect(readCalls(ws).slice(2)).toEqual([
    'run prepare_script',
    'run get_sources',
    'run build_script',
    'run after_script',
    'run upload_artifacts_on_failure',
    'run cleanup_file_variables',
    'cleanup',
  ]);
  const trace = plainTrace(result.trace);
  expect(trace).toContain('after_script ran with canceled');
  expect(trace.trimEnd().endsWith('ERROR: Job failed: canceled')).toBe(true);
});

test('a driver that ignores SIGTERM gets SIGKILL after the graceful timeout', async () => {
  const options = fakeOptions(ws, { FAKE_IGNORE_TERM: 'build_script' });
  options.driver.gracefulKillTimeoutS = 1;
  const { result, sinceCancel } = await cancelWhen('started\n', job(), options);

  expect(result.status).toBe('canceled');
  expect(sinceCancel('step_script')).toBeGreaterThanOrEqual(950);
  expect(sinceCancel('step_script')).toBeLessThan(2500);
  const build = result.calls.find((c) => c.stage === 'build_script');
  expect(build?.exitCode).toBe(-1);
  expect(readCalls(ws)).toContain('run after_script');
});

test('a process that survives SIGKILL is given up after the force timeout', async () => {
  const options = fakeOptions(ws, { FAKE_ORPHAN: 'build_script' });
  options.driver.gracefulKillTimeoutS = 0.4;
  options.driver.forceKillTimeoutS = 0.4;
  try {
    const { result, sinceCancel } = await cancelWhen('started\n', job(), options);

    expect(result.status).toBe('canceled');
    expect(sinceCancel('step_script')).toBeGreaterThanOrEqual(750);
    expect(sinceCancel('step_script')).toBeLessThan(2000);
  } finally {
    const pid = Number(readFileSync(join(ws.dumps, 'orphan.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
  }
});

test('a cancel before the user scripts skips every later stage', async () => {
  const { result } = await cancelWhen(
    'fake-driver: starting get_sources',
    job(),
    fakeOptions(ws, { FAKE_SLEEP_get_sources: '20', FAKE_ANNOUNCE: '1' }),
  );

  expect(result.status).toBe('canceled');
  expect(readCalls(ws).slice(2)).toEqual([
    'run prepare_script',
    'run get_sources',
    'cleanup',
  ]);
});

test('the job timeout kills the stage and runs only cleanup_exec', async () => {
  const started = Date.now();
  const handle = startJob(job(), fakeOptions(ws, {}, { jobTimeoutS: 1 }));
  const result = await handle.result;

  expect(result).toMatchObject({
    status: 'failed',
    failureReason: 'job_execution_timeout',
  });
  expect(Date.now() - started).toBeLessThan(5000);
  expect(readCalls(ws).slice(-2)).toEqual(['run build_script', 'cleanup']);
  expect(plainTrace(result.trace).trimEnd()).toMatch(
    /ERROR: Job failed: execution took longer than 1s seconds$/,
  );
});

test('cancelAfterMs cancels like the handle does', async () => {
  const result = await startJob(
    job({ script: ['sleep 30'] }),
    fakeOptions(ws, {}, { cancelAfterMs: 800 }),
  ).result;

  expect(result.status).toBe('canceled');
});
