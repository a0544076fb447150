import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ourDriver, runJob, startJob, type JobResult, type JobSpec, type RunJobOptions } from '../runner-harness';
import { simBinDir, stopDaemons } from '../htcondor-sim/src/api';

/**
 * One CI job through the harness, the built driver and the simulator, in
 * temp dirs of its own. The simulator's home is outside /tmp so that its
 * execute dirs stay visible when jobs get a private /tmp.
 */
export interface SimWorld {
  root: string;
  simHome: string;
  stateDir: string;
  buildsDir: string;
  settingsFile: string;
  repo: string;
  options(extra?: Partial<RunJobOptions>): RunJobOptions;
  job(spec: Partial<JobSpec> & { script: string[] }): JobSpec;
  remove(): Promise<void>;
}

export function makeSimWorld(settings = '', files: Record<string, string> = {}): SimWorld {
  const root = mkdtempSync(join('/var/tmp', 'sim-world-'));
  const buildsDir = mkdtempSync(join(tmpdir(), 'sim-builds-'));
  const simHome = join(root, 'sim');
  const stateDir = join(root, 'state');
  const repo = makeRepo(join(root, 'repo'), { 'README.md': 'demo\n', ...files });
  const settingsFile = join(root, 'config.toml');
  const base = {
    htcondor: [`tool_dir = "${simBinDir()}"`, 'submit_retry_delay = "1s"', 'removal_wait = "10s"'],
    workspace: [`builds_dir = "${buildsDir}"`, `cache_dir = "${join(root, 'cache')}"`, `state_dir = "${stateDir}"`],
  };
  writeFileSync(settingsFile, withBase(settings, base));

  return {
    root,
    simHome,
    stateDir,
    buildsDir,
    settingsFile,
    repo,
    options: (extra = {}) => ({
      driver: { ...ourDriver(settingsFile), gracefulKillTimeoutS: 30 },
      artifactsDir: join(root, 'artifacts'),
      preparationRetryDelayMs: 100,
      ...extra,
      env: { HTCONDOR_SIM_HOME: simHome, HTCONDOR_SIM_QUEUE_DELAY_MS: '100', ...extra.env },
    }),
    job: (spec) => ({ name: 'test', projectPath: 'group/project', repoUrl: repo, ...spec }),
    remove: async () => {
      await stopDaemons(simHome).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
      rmSync(buildsDir, { recursive: true, force: true });
    },
  };
}

/** The test's own settings, with the base keys it does not set added. */
function withBase(settings: string, base: Record<string, string[]>): string {
  let text = `\n${settings}\n`;
  for (const [table, all] of Object.entries(base)) {
    const header = `\n[${table}]\n`;
    const lines = all.filter((line) => !new RegExp(`^${line.split(' ')[0]}\\s*=`, 'm').test(settings));
    text = text.includes(header)
      ? text.replace(header, `${header}${lines.join('\n')}\n`)
      : `${header}${lines.join('\n')}\n${text}`;
  }

  return text;
}

function makeRepo(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'fixture');

  return dir;
}

export function runSimJob(world: SimWorld, spec: Partial<JobSpec> & { script: string[] }, extra?: Partial<RunJobOptions>): Promise<JobResult> {
  return runJob(world.job(spec), world.options(extra));
}

export { startJob };
