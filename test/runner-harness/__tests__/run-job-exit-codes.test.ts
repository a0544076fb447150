import { runJob } from '../runner/run-job';
import { JobResult, JobSpec } from '../types';
import {
  fakeOptions,
  plainTrace,
  useWorkspace,
} from './harness-fixtures';

const ws = useWorkspace({}, 'all');

const job = (script: string[]): JobSpec => ({
  name: 'exit-codes',
  repoUrl: ws.repo,
  script,
  variables: [{ key: 'GIT_STRATEGY', value: 'none' }],
});

async function run(
  script: string[],
  env: Record<string, string> = {},
): Promise<JobResult> {
  return runJob(job(script), fakeOptions(ws, { FAKE_LOG: '', ...env }));
}

const cases: [string, string[], Record<string, string>, Partial<JobResult>][] = [
  ['script exit 0', ['exit 0'], {}, { status: 'success' }],
  [
    'script exit 3',
    ['exit 3'],
    {},
    { status: 'failed', failureReason: 'script_failure', exitCode: 3 },
  ],
  [
    'script exit 2 (still a script failure)',
    ['exit 2'],
    {},
    { status: 'failed', failureReason: 'script_failure', exitCode: 2 },
  ],
  [
    'driver exit 2',
    ['true'],
    { FAKE_EXIT_build_script: '2' },
    { status: 'failed', failureReason: 'runner_system_failure' },
  ],
  [
    'driver exit 7',
    ['true'],
    { FAKE_EXIT_build_script: '7' },
    { status: 'failed', failureReason: 'runner_system_failure' },
  ],
  [
    'driver killed by a signal',
    ['true'],
    { FAKE_KILL_build_script: '1' },
    { status: 'failed', failureReason: 'runner_system_failure' },
  ],
  [
    'driver exit 1 without a code file',
    ['true'],
    { FAKE_EXIT_build_script: '1' },
    { status: 'failed', failureReason: 'script_failure', exitCode: 1 },
  ],
  [
    'code file "42\\n"',
    ['true'],
    { FAKE_CODEFILE_build_script: '42\n' },
    { status: 'failed', failureReason: 'script_failure', exitCode: 42 },
  ],
  [
    'code file "+5" (Atoi accepts a sign)',
    ['true'],
    { FAKE_CODEFILE_build_script: '+5' },
    { status: 'failed', failureReason: 'script_failure', exitCode: 5 },
  ],
  [
    'code file " 42" (no trimming)',
    ['true'],
    { FAKE_CODEFILE_build_script: ' 42' },
    { status: 'failed', failureReason: 'runner_system_failure' },
  ],
  [
    'code file "abc"',
    ['true'],
    { FAKE_CODEFILE_build_script: 'abc\n' },
    { status: 'failed', failureReason: 'runner_system_failure' },
  ],
];

test.each(cases)('%s', async (_name, script, env, expected) => {
  const result = await run(script, env);

  expect(result).toMatchObject(expected);
  if (expected.status === 'success' || expected.failureReason !== 'script_failure') {
    expect(result.exitCode).toBeUndefined();
  }
});

test('the trace ends with the runner verdict', async () => {
  const failed = plainTrace((await run(['exit 3'])).trace).trimEnd();
  const system = plainTrace(
    (await run(['true'], { FAKE_EXIT_build_script: '7' })).trace,
  ).trimEnd();

  expect(failed.endsWith('ERROR: Job failed: exit code 3')).toBe(true);
  expect(system.endsWith(
    'ERROR: Job failed (system failure): unknown Custom executor executable exit code 7',
  )).toBe(true);
});

test('the code file is only read, never reset between stages', async () => {
  // The fake driver runs scripts with its own environment, so a stage can
  // leave a code file behind that a later exit 1 makes the runner read.
  const result = await runJob(
    {
      ...job(['echo 77 > "$BUILD_EXIT_CODE_FILE"']),
      steps: [{ name: 'release', script: ['true'] }],
    },
    fakeOptions(ws, { FAKE_LOG: '', FAKE_EXIT_step_release: '1' }),
  );

  expect(result).toMatchObject({ status: 'failed', exitCode: 77 });
});
