import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { simBinDir, stopDaemons } from '../htcondor-sim/src/api';
import {
  runPipeline,
  type DriverSpec,
  type PipelineResult,
} from '../runner-harness';
import { substitute } from './guide-steps';

/**
 * A bare runner host for the admin guide: a prefix for npm, temp dirs in
 * place of the system paths the guide names, and the HTCondor simulator
 * on PATH as the pool's client tools.
 */
export interface WalkThroughHost {
  root: string;
  prefix: string;
  env: NodeJS.ProcessEnv;
  /** The guide's text for this host (every change to it is in `moved`). */
  localise(text: string, tarball: string): string;
  /** A shell block, run with bash -euo pipefail; its stdout. */
  run(body: string): { status: number | null; stdout: string; stderr: string };
  remove(): Promise<void>;
}

export function makeWalkThroughHost(): WalkThroughHost {
  const root = mkdtempSync('/var/tmp/walk-through-');
  const tmp = mkdtempSync('/tmp/walk-through-');
  const prefix = join(root, 'prefix');
  const simHome = join(root, 'sim');
  const bin = [join(prefix, 'bin'), simBinDir(), dirname(process.execPath)];
  const env = {
    PATH: [...bin, '/usr/bin', '/bin'].join(':'),
    HOME: process.env.HOME,
    HTCONDOR_SIM_HOME: simHome,
    HTCONDOR_SIM_QUEUE_DELAY_MS: '100',
    npm_config_prefix: prefix,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  return {
    root,
    prefix,
    env,
    localise: (text, tarball) =>
      substitute(text, moved(root, tmp, prefix, tarball)),
    run: (body) =>
      spawnSync('bash', ['-euo', 'pipefail', '-c', body], {
        cwd: root, env, encoding: 'utf8', timeout: 100_000,
      }),
    remove: async () => {
      await stopDaemons(simHome).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Every change made to the guide's text, and nothing else. */
function moved(root: string, tmp: string, prefix: string, tarball: string) {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;

  return {
    'npm install -g gitlab-htcondor-executor': `npm install -g ${tarball}`,
    'sudo -u gitlab-runner ': '',
    '-o gitlab-runner -g gitlab-runner': `-o ${uid} -g ${gid}`,
    '/etc/gitlab-htcondor-executor': join(root, 'etc/gitlab-htcondor-executor'),
    '/etc/systemd/system': join(root, 'etc/systemd/system'),
    '/var/log/gitlab-htcondor-executor': join(root, 'log'),
    '/var/tmp/gitlab-htcondor-executor': join(root, 'state'),
    '/tmp/gitlab-htcondor': join(tmp, 'gitlab-htcondor'),
    '/usr/local/bin/gitlab-htcondor-executor':
      join(prefix, 'bin/gitlab-htcondor-executor'),
  };
}

/** What gitlab-runner would read from the guide's `[[runners]]` block. */
export function driverFrom(toml: string): {
  executor: unknown;
  gracefulKillTimeoutS: unknown;
  spec: DriverSpec;
} {
  type Runners = { runners: { executor: unknown; custom: any }[] };
  const runner = (parseToml(toml) as Runners).runners[0];
  const c = runner?.custom ?? {};

  return {
    executor: runner?.executor,
    gracefulKillTimeoutS: c.graceful_kill_timeout,
    spec: {
      configExec: c.config_exec, configArgs: c.config_args,
      prepareExec: c.prepare_exec, prepareArgs: c.prepare_args,
      runExec: c.run_exec, runArgs: c.run_args,
      cleanupExec: c.cleanup_exec, cleanupArgs: c.cleanup_args,
      gracefulKillTimeoutS: c.graceful_kill_timeout,
    },
  };
}

/**
 * The guide's `.gitlab-ci.yml` in a new project, run by the harness with
 * the guide's driver. `tags:` choose a runner; the harness is the only
 * one, so they are dropped.
 */
export async function runGuidePipeline(
  host: WalkThroughHost,
  yaml: string,
  driver: DriverSpec,
): Promise<PipelineResult> {
  const ci = parseYaml(yaml) as Record<string, Record<string, unknown>>;
  for (const job of Object.values(ci)) delete job.tags;
  const repo = join(host.root, 'project');
  mkdirSync(repo);
  writeFileSync(join(repo, '.gitlab-ci.yml'), stringifyYaml(ci));
  const git = (...args: string[]) => execFileSync('git', [
    '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args,
  ], { cwd: repo });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'first pipeline');

  return runPipeline({
    repoDir: repo,
    driver,
    env: host.env,
    artifactsDir: join(host.root, 'artifacts'),
    projectPath: 'group/first-project',
    preparationRetryDelayMs: 100,
  });
}
