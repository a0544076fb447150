import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simBinDir, simEnv, stopDaemons } from '../src/api';

export interface ToolRun {
  stdout: string;
  stderr: string;
  status: number;
}

/** A private simulator: own state root and submit dir, removed after. */
export interface Sim {
  home: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  run(tool: string, args: string[], extraEnv?: NodeJS.ProcessEnv): ToolRun;
  file(name: string, text: string, executable?: boolean): string;
  read(name: string): string;
  cleanup(): Promise<void>;
}

/** The shims run the compiled simulator: `npx tsc -p tsconfig.json` first. */
function requireBuiltSimulator(): void {
  const dist = '../../../dist/test/htcondor-sim/src/condor-submit.js';
  const entry = resolve(simBinDir(), dist);
  if (!fs.existsSync(entry)) {
    throw new Error(`${entry} is missing: run "npx tsc -p tsconfig.json"`);
  }
}

export function makeSim(extraEnv: NodeJS.ProcessEnv = {}): Sim {
  requireBuiltSimulator();
  const root = fs.mkdtempSync(join(tmpdir(), 'htcondor-sim-test-'));
  const home = join(root, 'home');
  const dir = join(root, 'submit');
  fs.mkdirSync(home);
  fs.mkdirSync(dir);
  const env = simEnv(home, { HTCONDOR_SIM_QUEUE_DELAY_MS: '50', ...extraEnv });

  return {
    home,
    dir,
    env,
    run(tool, args, more = {}) {
      const r = spawnSync(tool, args, {
        cwd: dir,
        env: { ...env, ...more },
        encoding: 'utf8',
        timeout: 20_000,
      });
      const { stdout = '', stderr = '', status } = r;
      return { stdout, stderr, status: status ?? -1 };
    },
    file(name, text, executable = false) {
      const path = join(dir, name);
      fs.writeFileSync(path, text);
      if (executable) fs.chmodSync(path, 0o755);
      return path;
    },
    read: (name) => fs.readFileSync(join(dir, name), 'utf8'),
    async cleanup() {
      await stopDaemons(home);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The real HTCondor samples in ../shared next to the repository, and the
 * `test` to use for tests that need them: a visible skip, with a note on
 * stderr and a name that says so, when they are absent.
 */
export function sharedSamples(what: string) {
  const dir = resolve(__dirname, '../../..', '../shared/samples/htcondor');
  const present = fs.existsSync(dir);
  if (!present) process.stderr.write(`NOTE: ${dir} absent: ${what} skipped\n`);

  return {
    dir,
    test: present ? test : test.skip,
    suffix: present ? '' : ' (shared samples absent)',
  };
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms in vain for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The event numbers of an event log, in order. */
export function eventCodes(log: string): string[] {
  return [...log.matchAll(/^(\d{3}) \(/gm)].map((m) => m[1] ?? '');
}

/** Reads a file that may not exist yet. */
export function readIfExists(path: string): string {
  return fs.existsSync(path) ? fs.readFileSync(path, 'utf8') : '';
}

/** A minimal submit description from commands. */
export function submitFile(lines: Record<string, string>): string {
  const body = Object.entries(lines).map(([k, v]) => `${k} = ${v}`);

  return `${body.join('\n')}\nqueue\n`;
}
