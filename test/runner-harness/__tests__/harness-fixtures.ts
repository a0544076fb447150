/**
 * Shared test fixtures: a throwaway git repository, the fake driver and a
 * temp workspace that removes itself.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { DriverSpec, RunJobOptions } from '../types';

export const FAKE_DRIVER = resolve(__dirname, 'fixtures', 'fake-driver.sh');

export interface Workspace {
  root: string;
  repo: string;
  builds: string;
  dumps: string;
  log: string;
  artifacts: string;
  remove(): void;
}

export function createWorkspace(files: Record<string, string> = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'harness-test-'));
  const ws: Workspace = {
    root,
    repo: join(root, 'repo'),
    builds: join(root, 'builds'),
    dumps: join(root, 'dumps'),
    log: join(root, 'driver.log'),
    artifacts: join(root, 'artifacts'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  mkdirSync(ws.dumps, { recursive: true });
  createRepo(ws.repo, { 'README.md': 'test project\n', ...files });
  return ws;
}

/**
 * A workspace created before each test (or once per file) and removed
 * after it; the returned object always points at the current one.
 */
export function useWorkspace(
  files: Record<string, string> = {},
  scope: 'each' | 'all' = 'each',
): Workspace {
  let current: Workspace | undefined;
  const get = (): Workspace => {
    if (!current) {
      throw new Error('the workspace exists only inside tests');
    }
    return current;
  };
  (scope === 'each' ? beforeEach : beforeAll)(() => {
    current = createWorkspace(files);
  });
  (scope === 'each' ? afterEach : afterAll)(() => current?.remove());
  return {
    get root() { return get().root; },
    get repo() { return get().repo; },
    get builds() { return get().builds; },
    get dumps() { return get().dumps; },
    get log() { return get().log; },
    get artifacts() { return get().artifacts; },
    remove: () => get().remove(),
  };
}

export function createRepo(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  const git = (...args: string[]): void => {
    execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org',
    'commit', '-q', '-m', 'initial');
}

export function fakeDriver(extra: Partial<DriverSpec> = {}): DriverSpec {
  const args = (cmd: string): string[] => [cmd];
  return {
    configExec: FAKE_DRIVER,
    configArgs: args('config'),
    prepareExec: FAKE_DRIVER,
    prepareArgs: args('prepare'),
    runExec: FAKE_DRIVER,
    runArgs: args('run'),
    cleanupExec: FAKE_DRIVER,
    cleanupArgs: args('cleanup'),
    ...extra,
  };
}

export function fakeOptions(
  ws: Workspace,
  env: Record<string, string> = {},
  extra: Partial<RunJobOptions> = {},
): RunJobOptions {
  return {
    driver: fakeDriver(),
    env: {
      FAKE_LOG: ws.log,
      FAKE_DUMP_DIR: ws.dumps,
      FAKE_BUILDS_DIR: ws.builds,
      ...env,
    },
    artifactsDir: ws.artifacts,
    preparationRetryDelayMs: 10,
    ...extra,
  };
}

/** Lines of the fake driver's call log, e.g. `run build_script`. */
export function readCalls(ws: Workspace): string[] {
  return readLog(ws).map((line) => line.replace(/ pid=.*$/, ''));
}

export function readLog(ws: Workspace): string[] {
  try {
    return readFileSync(ws.log, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** The environment the fake driver saw for one call (`run-<stage>`…). */
export function readEnv(ws: Workspace, call: string): Record<string, string> {
  const raw = readFileSync(join(ws.dumps, `${call}.env`), 'utf8');
  const env: Record<string, string> = {};
  for (const entry of raw.split('\0').filter(Boolean)) {
    const cut = entry.indexOf('=');
    env[entry.slice(0, cut)] = entry.slice(cut + 1);
  }
  return env;
}

/** The trace without colours and section markers, for readable matching. */
export function plainTrace(trace: string): string {
  return trace
    .replace(/section_(start|end):\d+:[a-z_]+\r\x1b\[0K/g, '')
    .replace(/\x1b\[[0-9;]*[mK]/g, '');
}
