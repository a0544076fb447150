import { runJob } from '../runner/run-job';
import { JobSpec } from '../types';
import {
  fakeDriver,
  fakeOptions,
  plainTrace,
  readCalls,
  readLog,
  useWorkspace,
} from './harness-fixtures';

const ws = useWorkspace();

const job = (): JobSpec => ({ name: 'prep', repoUrl: ws.repo, script: ['true'] });

test('bad config JSON is retried 3 times with cleanup after each attempt', async () => {
  const result = await runJob(job(), fakeOptions(ws, { FAKE_CONFIG_MODE: 'bad' }));

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(readCalls(ws)).toEqual([
    'config', 'cleanup', 'config', 'cleanup', 'config', 'cleanup',
  ]);
  const tmpDirs = new Set(readLog(ws).map((l) => /cwd=(\S+)/.exec(l)?.[1]));
  expect(tmpDirs.size).toBe(3);
  const trace = plainTrace(result.trace);
  expect(trace.match(/ERROR: Preparation failed: error while parsing JSON output/g))
    .toHaveLength(2);
  expect(trace).toMatch(/Job failed \(system failure\): error while parsing JSON output/);
});

test('a preparation that fails once succeeds on the next attempt', async () => {
  const result = await runJob(
    job(),
    fakeOptions(ws, { FAKE_CONFIG_MODE: 'bad', FAKE_CONFIG_BAD_TIMES: '1' }),
  );

  expect(result.status).toBe('success');
  expect(readCalls(ws).slice(0, 4)).toEqual(['config', 'cleanup', 'config', 'prepare']);
  expect(plainTrace(result.trace)).toContain('Will be retried in');
});

test('config exit 1 fails the job at once, without retry', async () => {
  const result = await runJob(job(), fakeOptions(ws, { FAKE_CONFIG_MODE: 'exit1' }));

  expect(result).toMatchObject({ status: 'failed', failureReason: 'script_failure', exitCode: 1 });
  expect(readCalls(ws)).toEqual(['config', 'cleanup']);
});

test('prepare exit 2 is retried like any system failure', async () => {
  const result = await runJob(job(), fakeOptions(ws, { FAKE_PREPARE_EXIT: '2' }));

  expect(result.failureReason).toBe('runner_system_failure');
  expect(readCalls(ws).filter((c) => c === 'prepare')).toHaveLength(3);
  expect(readCalls(ws).filter((c) => c === 'cleanup')).toHaveLength(3);
});

test('without config_exec, builds_dir must come from the runner settings', async () => {
  const options = fakeOptions(ws, {}, {
    driver: { ...fakeDriver(), configExec: undefined },
  });
  const missing = await runJob(job(), options);
  const given = await runJob(job(), {
    ...options,
    buildsDir: ws.builds,
    cacheDir: `${ws.root}/cache`,
  });

  expect(missing.failureReason).toBe('runner_system_failure');
  expect(plainTrace(missing.trace)).toContain('builds_dir is not configured');
  expect(given.status).toBe('success');
  expect(given.projectDir).toBe(`${ws.builds}/harness/project`);
});
