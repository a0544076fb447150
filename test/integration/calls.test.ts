import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simBinDir } from '../htcondor-sim/src/api';
import { makeSandbox, runDriver, type JobSandbox } from './driver-process';

let box: JobSandbox;
afterEach(() => box?.remove());

test('config prints only the JSON gitlab-runner reads', () => {
  box = makeSandbox('');
  const r = runDriver(box, ['config']);
  expect(r.status).toBe(0);
  expect(r.stderr).toBe('');
  const answer = JSON.parse(r.stdout);
  expect(answer).toEqual({
    builds_dir: `${box.root}/builds`,
    cache_dir: '/tmp/gitlab-htcondor/cache',
    builds_dir_is_shared: true,
    hostname: expect.any(String),
    driver: { name: 'gitlab-htcondor-executor', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
    job_env: { HTCONDOR_EXECUTOR_REMOTE_STAGES: '["build_script","step_*","after_script"]' },
  });
  expect(r.stdout.trim().split('\n')).toHaveLength(1);
});

test('settings with several mistakes: all listed, system failure, nothing on stdout', () => {
  box = makeSandbox('[resources]\ncpus = "four"\nmemory = "lots"\n[container]\nmode = "docker"\n');
  const r = runDriver(box, ['config']);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/resources\.cpus/);
  expect(r.stderr).toMatch(/resources\.memory/);
  expect(r.stderr).toMatch(/container\.mode/);
});

test('a local stage runs with bash; its exit code is passed on through the code file', () => {
  box = makeSandbox('');
  const script = join(box.runnerTmp, 'script');
  writeFileSync(script, 'echo local stage ran; exit 3\n', { mode: 0o700 });
  const r = runDriver(box, ['run', script, 'get_sources']);
  expect(r.stdout).toContain('local stage ran');
  expect(r.status).toBe(1);
  expect(readFileSync(box.codeFile, 'utf8')).toBe('3\n');
});

test('a local stage that succeeds exits 0 and leaves the code file alone', () => {
  box = makeSandbox('');
  const script = join(box.runnerTmp, 'script');
  writeFileSync(script, 'printf "%s" ok\n', { mode: 0o700 });
  const r = runDriver(box, ['run', script, 'upload_artifacts_on_success']);
  expect(r).toMatchObject({ status: 0, stdout: 'ok' });
  expect(existsSync(box.codeFile)).toBe(false);
});

test('prepare refuses a job image the admin did not allow, as a build failure', () => {
  box = makeSandbox('[htcondor]\ntool_dir = "/nonexistent"\n');
  const r = runDriver(box, ['prepare'], { CUSTOM_ENV_CI_JOB_IMAGE: 'docker://evil/image:latest' });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/does not accept a job image.*evil\/image/);
  expect(existsSync(box.codeFile)).toBe(false);
});

test('prepare refuses out-of-bounds resources, naming variable, value and range', () => {
  box = makeSandbox('');
  const r = runDriver(box, ['prepare'], { CUSTOM_ENV_HTCONDOR_CPUS: '64' });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/HTCONDOR_CPUS="64" is not allowed.*from 0 to 8/);
});

test('prepare without the HTCondor tools is a system failure that says which', () => {
  box = makeSandbox('[htcondor]\ntool_dir = "/nonexistent"\n');
  const r = runDriver(box, ['prepare']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/HTCondor tools not found in htcondor\.tool_dir.*condor_submit/);
});

test('only 0, 1 and 2 leave the driver, whatever the script exits with', () => {
  box = makeSandbox('');
  const script = join(box.runnerTmp, 'script');
  for (const code of [0, 1, 2, 3, 42, 255]) {
    writeFileSync(script, `exit ${code}\n`, { mode: 0o700 });
    const r = runDriver(box, ['run', script, 'get_sources']);
    expect(r.status).toBe(code === 0 ? 0 : 1);
    if (code !== 0) expect(readFileSync(box.codeFile, 'utf8')).toBe(`${code}\n`);
  }
});

test('an unknown command is a system failure with usage, not a crash', () => {
  box = makeSandbox('');
  const r = runDriver(box, ['explode']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/Unknown argument|name a command/);
});

test('prepare says so when the job names an image a container-less runner ignores', () => {
  box = makeSandbox(`[container]\nmode = "none"\n[htcondor]\ntool_dir = "${simBinDir()}"\n`);
  const r = runDriver(box, ['prepare'], { CUSTOM_ENV_CI_JOB_IMAGE: 'python:3.12' });
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/names an image, but this runner runs jobs without a container: it is ignored/);
});
