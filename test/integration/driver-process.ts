import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const CLI = join(REPO, 'bin', 'gitlab-htcondor-executor');

export interface DriverRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A scratch area that looks like one gitlab-runner job attempt. */
export interface JobSandbox {
  root: string;
  runnerTmp: string;
  settingsFile: string;
  stateDir: string;
  codeFile: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export function makeSandbox(settings: string, jobId = '101'): JobSandbox {
  const root = mkdtempSync(join(tmpdir(), 'driver-'));
  const runnerTmp = join(root, 'custom-executor1');
  const stateDir = join(root, 'state');
  mkdirSync(runnerTmp);
  const settingsFile = join(root, 'config.toml');
  writeFileSync(
    settingsFile,
    `[workspace]\nstate_dir = "${stateDir}"\nbuilds_dir = "${root}/builds"\n${settings}`,
  );
  const codeFile = join(runnerTmp, 'build_exit_code');

  return {
    root,
    runnerTmp,
    settingsFile,
    stateDir,
    codeFile,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: runnerTmp,
      BUILD_FAILURE_EXIT_CODE: '1',
      SYSTEM_FAILURE_EXIT_CODE: '2',
      BUILD_EXIT_CODE_FILE: codeFile,
      CUSTOM_ENV_CI_JOB_ID: jobId,
      CUSTOM_ENV_CI_PIPELINE_ID: '7',
      CUSTOM_ENV_CI_PROJECT_PATH: 'group/project',
      CUSTOM_ENV_CI_PROJECT_DIR: join(root, 'builds', 'group', 'project'),
      CUSTOM_ENV_CI_RUNNER_SHORT_TOKEN: 'tok123',
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function runDriver(box: JobSandbox, args: string[], env: NodeJS.ProcessEnv = {}): DriverRun {
  const [command, ...rest] = args;
  const result = spawnSync(CLI, [command as string, '--config', box.settingsFile, ...rest], {
    cwd: box.runnerTmp,
    env: { ...box.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
