import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { runJob } from '../runner/run-job';
import { JobSpec } from '../types';
import {
  fakeOptions,
  plainTrace,
  readCalls,
  useWorkspace,
} from './harness-fixtures';

const ws = useWorkspace({ 'data/input.txt': 'hello from the repository\n' });

function job(extra: Partial<JobSpec> = {}): JobSpec {
  return {
    name: 'build',
    repoUrl: ws.repo,
    projectPath: 'group/demo',
    script: ['cat data/input.txt'],
    ...extra,
  };
}

test('a plain job sends only the stages it needs, in order', async () => {
  const result = await runJob(job(), fakeOptions(ws));

  expect(result.status).toBe('success');
  expect(readCalls(ws)).toEqual([
    'config',
    'prepare',
    'run prepare_script',
    'run get_sources',
    'run build_script',
    'run cleanup_file_variables',
    'cleanup',
  ]);
  expect(result.calls.map((c) => c.stage ?? c.kind)).toEqual([
    'config',
    'prepare',
    'prepare_script',
    'get_sources',
    'build_script',
    'cleanup_file_variables',
    'cleanup',
  ]);
});

test('get_sources really clones the commit into the shared project dir', async () => {
  const result = await runJob(job(), fakeOptions(ws));

  expect(result.projectDir).toBe(join(ws.builds, 'hArN3sSr', '0', 'group/demo'));
  const input = readFileSync(join(result.projectDir, 'data/input.txt'), 'utf8');
  expect(input).toBe('hello from the repository\n');
  const trace = plainTrace(result.trace);
  expect(trace).toContain('$ cat data/input.txt\nhello from the repository\n');
  expect(trace).toContain('Created fresh repository.');
  expect(trace).toMatch(/Checking out [0-9a-f]{8} as detached HEAD \(ref is main\)/);
});

test('the trace holds sections, config stderr and prepare output, not cleanup', async () => {
  const result = await runJob(job(), fakeOptions(ws));

  const trace = result.trace;
  expect(trace).toMatch(/^\x1b\[0KRunning with gitlab-runner 19\.3\.0/);
  expect(trace).toMatch(/section_start:\d+:prepare_executor\r\x1b\[0K/);
  expect(trace).toMatch(/section_end:\d+:step_script\r\x1b\[0K/);
  const plain = plainTrace(trace);
  expect(plain).toContain('fake-driver: reading settings');
  expect(plain).toContain('Using Custom executor with driver fake-driver 0.1.0...');
  expect(plain).toContain('fake-driver: preparing on fake-host');
  expect(plain).toContain('fake-driver: prepare note on stderr');
  expect(plain).toContain('Running on ');
  expect(plain).toContain(' via fake-host...');
  expect(plain).not.toContain('cleanup output');
  expect(plain.trimEnd().endsWith('Job succeeded')).toBe(true);
});

test('after_script, downloads and uploads appear only when needed', async () => {
  const first = await runJob(
    job({ id: 501, script: ['mkdir -p out', 'echo one > out/a.txt'],
      artifacts: { paths: ['out/'] } }),
    fakeOptions(ws),
  );
  const archive = join(ws.artifacts, '501', 'artifacts.tar.gz');
  expect(first.artifactsArchive).toBe(archive);

  const secondLog = `${ws.log}.second`;

  const second = await runJob(
    job({
      id: 502,
      script: ['cat out/a.txt'],
      afterScript: ['echo after'],
      dependencies: [{ id: 501, name: 'build', archive: first.artifactsArchive }],
    }),
    fakeOptions(ws, { FAKE_LOG: secondLog }),
  );
  expect(second.status).toBe('success');
  expect(plainTrace(second.trace)).toContain('$ cat out/a.txt\none\n');
  const calls = readCalls({ ...ws, log: secondLog });
  expect(calls.filter((c) => c.startsWith('run'))).toEqual([
    'run prepare_script',
    'run get_sources',
    'run download_artifacts',
    'run build_script',
    'run after_script',
    'run cleanup_file_variables',
  ]);
});

test('a failed script still runs after_script and the on_failure upload', async () => {
  const result = await runJob(
    job({
      script: ['echo partial > log.txt', 'exit 4'],
      afterScript: ['echo "status is $CI_JOB_STATUS"'],
      artifacts: { paths: ['log.txt'], when: 'on_failure' },
    }),
    fakeOptions(ws),
  );

  expect(result).toMatchObject({ status: 'failed', failureReason: 'script_failure', exitCode: 4 });
  expect(readCalls(ws).slice(4, 8)).toEqual([
    'run build_script',
    'run after_script',
    'run upload_artifacts_on_failure',
    'run cleanup_file_variables',
  ]);
  expect(plainTrace(result.trace)).toContain('status is failed');
  expect(existsSync(result.artifactsArchive ?? '')).toBe(true);
});

test('a failed get_sources skips the user scripts and after_script', async () => {
  const result = await runJob(
    job({ sha: 'f'.repeat(40), afterScript: ['echo after'] }),
    fakeOptions(ws),
  );

  expect(result).toMatchObject({ status: 'failed', failureReason: 'script_failure' });
  expect(readCalls(ws).filter((c) => c.startsWith('run'))).toEqual([
    'run prepare_script',
    'run get_sources',
    'run cleanup_file_variables',
  ]);
});

test('a failed prepare_script ends the stages; cleanup_exec still runs', async () => {
  const result = await runJob(job(), fakeOptions(ws, { FAKE_EXIT_prepare_script: '2' }));

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(readCalls(ws)).toEqual(['config', 'prepare', 'run prepare_script', 'cleanup']);
});

test('extra steps run as step_<name> after build_script', async () => {
  const result = await runJob(
    job({ steps: [{ name: 'Release', script: ['echo releasing'] }] }),
    fakeOptions(ws),
  );

  expect(result.status).toBe('success');
  expect(readCalls(ws)).toContain('run step_release');
  expect(result.trace).toMatch(/section_start:\d+:step_release/);
});
