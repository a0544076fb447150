import { existsSync } from 'fs';
import { join } from 'path';
import { runJob } from '../runner/run-job';
import { CacheSpec, JobSpec } from '../types';
import {
  fakeOptions,
  plainTrace,
  readCalls,
  useWorkspace,
} from './harness-fixtures';

const ws = useWorkspace();

const job = (script: string[], cache: CacheSpec): JobSpec => ({
  name: 'deps',
  repoUrl: ws.repo,
  script,
  cache: [cache],
});

const runStages = (log: string): string[] =>
  readCalls({ ...ws, log }).filter((call) => call.startsWith('run '));

test('a cache saved by one job is restored into the next one', async () => {
  const cache = { key: 'deps-$CI_COMMIT_REF_NAME', paths: ['vendor/'] };
  const first = await runJob(
    job(['mkdir -p vendor', 'echo cached > vendor/lib.txt'], cache),
    fakeOptions(ws, { FAKE_LOG: `${ws.log}.1` }),
  );
  const second = await runJob(
    job(['cat vendor/lib.txt'], cache),
    fakeOptions(ws, { FAKE_LOG: `${ws.log}.2` }),
  );

  expect(first.status).toBe('success');
  expect(runStages(`${ws.log}.1`)).toEqual([
    'run prepare_script',
    'run get_sources',
    'run restore_cache',
    'run build_script',
    'run archive_cache',
    'run cleanup_file_variables',
  ]);
  expect(plainTrace(first.trace)).toContain('Failed to extract cache');
  expect(plainTrace(first.trace)).toContain('Created cache');
  const archive = join(ws.builds, '..', 'cache', 'deps-main', 'cache.tar.gz');
  expect(existsSync(archive)).toBe(true);

  expect(second.status).toBe('success');
  expect(plainTrace(second.trace)).toContain('Successfully extracted cache');
  expect(plainTrace(second.trace)).toContain('$ cat vendor/lib.txt\ncached\n');
});

test('policy pull never archives and policy push never restores', async () => {
  await runJob(
    job(['true'], { paths: ['x'], policy: 'pull' }),
    fakeOptions(ws, { FAKE_LOG: `${ws.log}.pull` }),
  );
  await runJob(
    job(['mkdir x'], { paths: ['x'], policy: 'push' }),
    fakeOptions(ws, { FAKE_LOG: `${ws.log}.push` }),
  );

  expect(runStages(`${ws.log}.pull`)).toContain('run restore_cache');
  expect(runStages(`${ws.log}.pull`)).not.toContain('run archive_cache');
  expect(runStages(`${ws.log}.push`)).not.toContain('run restore_cache');
  expect(runStages(`${ws.log}.push`)).toContain('run archive_cache');
});

test('a failed job saves only caches meant for failures', async () => {
  const result = await runJob(
    job(['mkdir -p logs', 'exit 5'], { paths: ['logs/'], when: 'on_failure' }),
    fakeOptions(ws),
  );

  expect(result).toMatchObject({ status: 'failed', exitCode: 5 });
  expect(readCalls(ws)).toContain('run archive_cache_on_failure');
  expect(readCalls(ws)).not.toContain('run archive_cache');
});
