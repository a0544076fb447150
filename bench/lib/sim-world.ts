import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simBinDir, stopDaemons } from '../../test/htcondor-sim/src/api';
import { writeInstantSchedd } from './instant-schedd';
import { makeTempDir } from './paths';
import { writeToolShims } from './tool-shims';

/**
 * A runner host of our own for remote-stage benchmarks: settings, a state
 * dir, a project under /tmp (jobs get a private /tmp, as on real execute
 * nodes) and the simulator behind timing shims, or an instant stand-in.
 * Nothing outside its dirs.
 */
export interface SimWorld {
  root: string;
  simHome: string;
  projectDir: string;
  settingsFile: string;
  /** Lines `tool start-ms end-ms` written by the shims. */
  toolLog: string;
  /** The environment gitlab-runner gives every call of job `jobId`. */
  env(jobId: number, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** The job's stage dirs, oldest first. */
  stageDirs(jobId: number): string[];
  remove(): Promise<void>;
}

export interface WorldOptions {
  queueDelayMs: number;
  /** The simulator (default), or tools that answer at once. */
  schedd?: 'sim' | 'idle' | 'done';
  /** Extra TOML for the [workspace] section. */
  workspace?: string;
}

export function makeSimWorld(o: WorldOptions): SimWorld {
  // Outside /tmp, so that execute dirs stay visible to the submit side.
  const top = makeTempDir('bench-world', '/var/tmp');
  const builds = makeTempDir('bench-builds');
  const root = top.path;
  const simHome = join(root, 'sim');
  const toolLog = join(root, 'tool-times.log');
  const tools = join(root, 'tools');
  const toolDir =
    o.schedd === 'idle' || o.schedd === 'done'
      ? writeInstantSchedd(tools, o.schedd)
      : writeToolShims(tools, simBinDir(), toolLog);
  const projectDir = join(builds.path, 'group', 'project');
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(join(projectDir, 'README.md'), 'bench project\n');
  const settingsFile = join(root, 'config.toml');
  writeFileSync(settingsFile, settingsText(root, builds.path, toolDir, o));
  const runnerTmp = (jobId: number) => join(root, 'runner-tmp', `job-${jobId}`);

  return {
    root,
    simHome,
    projectDir,
    settingsFile,
    toolLog,
    env: (jobId, extra = {}) => {
      mkdirSync(runnerTmp(jobId), { recursive: true });
      return jobEnv(jobId, runnerTmp(jobId), projectDir, {
        HTCONDOR_SIM_HOME: simHome,
        HTCONDOR_SIM_QUEUE_DELAY_MS: String(o.queueDelayMs),
        ...extra,
      });
    },
    stageDirs: (jobId) => {
      const dir = join(root, 'state', `job-${jobId}-job-${jobId}`, 'stages');
      return listDirs(dir);
    },
    remove: async () => {
      await stopDaemons(simHome).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
      builds.remove();
    },
  };
}

function settingsText(
  root: string,
  builds: string,
  toolDir: string,
  o: WorldOptions,
): string {
  return [
    '[htcondor]',
    `tool_dir = "${toolDir}"`,
    'submit_retry_delay = "1s"',
    'removal_wait = "10s"',
    '[workspace]',
    `builds_dir = "${builds}"`,
    `cache_dir = "${join(root, 'cache')}"`,
    `state_dir = "${join(root, 'state')}"`,
    o.workspace ?? '',
    '',
  ].join('\n');
}

function jobEnv(
  jobId: number,
  runnerTmp: string,
  projectDir: string,
  extra: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TMPDIR: runnerTmp,
    BUILD_FAILURE_EXIT_CODE: '1',
    SYSTEM_FAILURE_EXIT_CODE: '2',
    BUILD_EXIT_CODE_FILE: join(runnerTmp, 'build_exit_code'),
    CUSTOM_ENV_CI_JOB_ID: String(jobId),
    CUSTOM_ENV_CI_PIPELINE_ID: '1',
    CUSTOM_ENV_CI_PROJECT_PATH: 'group/project',
    CUSTOM_ENV_CI_PROJECT_DIR: projectDir,
    CUSTOM_ENV_CI_JOB_NAME: 'bench',
    CUSTOM_ENV_CI_JOB_TIMEOUT: '3600',
    CUSTOM_ENV_CI_RUNNER_SHORT_TOKEN: 'bench',
    ...extra,
  };
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}
