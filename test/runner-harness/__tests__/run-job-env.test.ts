import { readFileSync, statSync } from 'fs';
import { basename, join } from 'path';
import { runJob } from '../runner/run-job';
import { JobResult, JobSpec } from '../types';
import {
  fakeOptions,
  plainTrace,
  readEnv,
  readLog,
  useWorkspace,
} from './harness-fixtures';

const ws = useWorkspace({}, 'all');
let result: JobResult;

const spec = (repo: string): JobSpec => ({
  id: 7001,
  pipelineId: 301,
  name: 'analysis 2/3',
  stage: 'analysis',
  repoUrl: repo,
  projectPath: 'cms-analysis/demo',
  image: 'registry.example.org/analysis:1',
  parallel: { index: 2, total: 3 },
  timeoutS: 900,
  script: [
    'echo "secret is $API_SECRET"',
    'cat "$CERT"',
    'echo "cert at $CERT"',
    'echo "LATER=from-gitlab-env" >> "$GITLAB_ENV"',
  ],
  afterScript: ['echo "later is $LATER, status $CI_JOB_STATUS"'],
  variables: [
    { key: 'API_SECRET', value: 's3cr3t-value-42', masked: true },
    { key: 'CERT', value: '-----BEGIN-----\nline two\n', file: true },
    { key: 'GREETING', value: 'hello $CI_JOB_NAME' },
    { key: 'RAW_GREETING', value: 'hello $CI_JOB_NAME', raw: true },
  ],
});

beforeAll(async () => {
  result = await runJob(spec(ws.repo), fakeOptions(ws));
});

test('every call runs in the job temp dir, own process group, stdin /dev/null', () => {
  expect(result.status).toBe('success');
  const lines = readLog(ws);
  expect(lines.length).toBeGreaterThan(4);
  const cwds = new Set<string>();
  for (const line of lines) {
    const [, pid, pgid, cwd, stdin] =
      /pid=(\d+) pgid=(\d+) cwd=(\S+) stdin=(\S+)/.exec(line) ?? [];
    expect(pgid).toBe(pid);
    expect(stdin).toBe('/dev/null');
    cwds.add(cwd ?? '');
  }
  expect(cwds.size).toBe(1);
  expect(basename([...cwds][0] ?? '')).toMatch(/^custom-executor/);
});

test('fixed protocol variables and job_env reach the driver', () => {
  const config = readEnv(ws, 'config');
  const run = readEnv(ws, 'run-build_script');
  const tmp = run.TMPDIR ?? '';

  expect(basename(tmp)).toMatch(/^custom-executor/);
  expect(run).toMatchObject({
    BUILD_FAILURE_EXIT_CODE: '1',
    SYSTEM_FAILURE_EXIT_CODE: '2',
    BUILD_EXIT_CODE_FILE: join(tmp, 'build_exit_code'),
    JOB_RESPONSE_FILE: join(tmp, 'response.json'),
    FAKE_JOB_ENV: 'from-config',
  });
  expect(config.FAKE_JOB_ENV).toBeUndefined();
  expect(readEnv(ws, 'prepare').FAKE_JOB_ENV).toBe('from-config');
});

test('CUSTOM_ENV_ carries job, predefined and runner variables', () => {
  const run = readEnv(ws, 'run-build_script');
  const projectDir = join(ws.builds, 'hArN3sSr', '0', 'cms-analysis/demo');

  expect(run).toMatchObject({
    CUSTOM_ENV_CI_JOB_ID: '7001',
    CUSTOM_ENV_CI_JOB_NAME: 'analysis 2/3',
    CUSTOM_ENV_CI_JOB_STAGE: 'analysis',
    CUSTOM_ENV_CI_PIPELINE_ID: '301',
    CUSTOM_ENV_CI_PROJECT_PATH: 'cms-analysis/demo',
    CUSTOM_ENV_CI_PROJECT_NAME: 'demo',
    CUSTOM_ENV_CI_PROJECT_NAMESPACE: 'cms-analysis',
    CUSTOM_ENV_CI_BUILDS_DIR: ws.builds,
    CUSTOM_ENV_CI_PROJECT_DIR: projectDir,
    CUSTOM_ENV_CI_CONCURRENT_ID: '0',
    CUSTOM_ENV_CI_CONCURRENT_PROJECT_ID: '0',
    CUSTOM_ENV_CI_SERVER: 'yes',
    CUSTOM_ENV_CI_JOB_STATUS: 'running',
    CUSTOM_ENV_CI_JOB_TIMEOUT: '900',
    CUSTOM_ENV_CI_RUNNER_SHORT_TOKEN: 'hArN3sSr',
    CUSTOM_ENV_CI_RUNNER_VERSION: '19.3.0',
    CUSTOM_ENV_CI_JOB_IMAGE: 'registry.example.org/analysis:1',
    CUSTOM_ENV_CI_NODE_INDEX: '2',
    CUSTOM_ENV_CI_NODE_TOTAL: '3',
    CUSTOM_ENV_CI_SHARED_ENVIRONMENT: 'true',
    CUSTOM_ENV_RUNNER_TEMP_PROJECT_DIR: `${projectDir}.tmp`,
    CUSTOM_ENV_CI_JOB_SERVICES: '',
  });
  expect(run.CUSTOM_ENV_CI_JOB_TOKEN).toMatch(/^glcbt-/);
  expect(readEnv(ws, 'run-after_script').CUSTOM_ENV_CI_JOB_STATUS).toBe('success');
});

test('values arrive expanded unless raw; file variables hold the content', () => {
  const run = readEnv(ws, 'run-build_script');

  expect(run.CUSTOM_ENV_GREETING).toBe('hello analysis 2/3');
  expect(run.CUSTOM_ENV_RAW_GREETING).toBe('hello $CI_JOB_NAME');
  expect(run.CUSTOM_ENV_CERT).toBe('-----BEGIN-----\nline two\n');
});

test('masked variables are in the env but masked in the trace', () => {
  const run = readEnv(ws, 'run-build_script');

  expect(run.CUSTOM_ENV_API_SECRET).toBe('s3cr3t-value-42');
  const trace = plainTrace(result.trace);
  expect(trace).toContain('secret is [MASKED]');
  expect(trace).not.toContain('s3cr3t-value-42');
  expect(trace).not.toContain(run.CUSTOM_ENV_CI_JOB_TOKEN ?? 'no token');
});

test('file variables are written under <project>.tmp and exported as paths', () => {
  const trace = plainTrace(result.trace);
  const tmpDir = `${result.projectDir}.tmp`;

  expect(trace).toContain('-----BEGIN-----\nline two\n');
  expect(trace).toContain(`cert at ${tmpDir}/CERT`);
  expect(() => statSync(join(tmpDir, 'CERT'))).toThrow();
});

test('GITLAB_ENV carries values into later stages', () => {
  expect(plainTrace(result.trace)).toContain(
    'later is from-gitlab-env, status success',
  );
});

test('JOB_RESPONSE_FILE is private and shaped like the runner job', () => {
  const mode = readFileSync(join(ws.dumps, 'response.mode'), 'utf8').trim();
  const text = readFileSync(join(ws.dumps, 'response.json'), 'utf8');
  const response = JSON.parse(text);

  expect(mode).toBe('600');
  expect(text.endsWith('}\n')).toBe(true);
  expect(text.trimEnd().includes('\n')).toBe(false);
  expect(Object.keys(response)).toEqual(
    expect.arrayContaining(['id', 'token', 'job_info', 'git_info', 'runner_info',
      'variables', 'steps', 'image', 'artifacts', 'dependencies', 'features']),
  );
  expect(response).toMatchObject({
    id: 7001,
    job_info: { name: 'analysis 2/3', stage: 'analysis', project_name: 'demo' },
    git_info: { repo_url: ws.repo, ref: 'main', ref_type: 'branch' },
    runner_info: { timeout: 900 },
    image: { name: 'registry.example.org/analysis:1' },
    features: { trace_sections: true },
  });
  expect(response.steps.map((s: { name: string }) => s.name)).toEqual([
    'script',
    'after_script',
  ]);
  expect(response.variables).toContainEqual({
    key: 'API_SECRET', value: 's3cr3t-value-42',
    public: true, file: false, masked: true, raw: false,
  });
});
