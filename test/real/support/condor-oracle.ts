import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { blockedReason, repoRoot } from './repo-paths';

/** The pinned bindings' virtualenv, as scripts/install-htcondor-bindings.sh makes it. */
export const BINDINGS_VERSION = '24.12.24';

export type AdValue = string | number | boolean | null | object;
export type JobAdJson = Record<string, AdValue>;

export type SubmitAnswer =
  | { id: string; ok: true; qargs: string; ads: JobAdJson[] }
  | { id: string; ok: false; error: string };

/** What HTCondor's JobEventLog reports for one event. */
export interface OracleEvent {
  type: number;
  cluster: number;
  proc: number;
  time: number;
  returnValue?: number;
  terminatedNormally?: boolean;
  signal?: number;
  holdCode?: number;
  holdSubcode?: number;
}

export type EventsAnswer =
  | { file: string; events: OracleEvent[] }
  | { file: string; error: string };

export function bindingsPython(): string {
  const venv = join(repoRoot(), '.cache', `htcondor-${BINDINGS_VERSION}`, 'venv');
  return join(venv, 'bin', 'python');
}

/**
 * Undefined when the oracle can run; otherwise why not. A refusal recorded
 * by the install script is a block; a missing venv without one is a setup
 * mistake, and the caller's test fails on it.
 */
export function oracleBlocked(): string | undefined {
  if (existsSync(bindingsPython())) return undefined;
  return blockedReason('htcondor-bindings');
}

function runOracle(mode: string, request: unknown): unknown {
  const python = bindingsPython();
  if (!existsSync(python)) {
    throw new Error(
      `${python} is missing: run scripts/install-htcondor-bindings.sh first`,
    );
  }
  const script = join(repoRoot(), 'scripts', 'condor-oracle.py');
  const done = spawnSync(python, [script, mode], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CONDOR_CONFIG: '/dev/null' },
  });
  if (done.status !== 0) {
    throw new Error(`condor-oracle.py ${mode} exited ${done.status}: ${done.stderr}`);
  }
  return JSON.parse(done.stdout);
}

/** Job ads that HTCondor's submit parser makes from each description. */
export function parseSubmitDescriptions(
  cases: { id: string; text: string }[],
): SubmitAnswer[] {
  return runOracle('submit', cases) as SubmitAnswer[];
}

/** Events that HTCondor's JobEventLog reads from each file. */
export function readEventLogs(files: string[]): EventsAnswer[] {
  return runOracle('events', files) as EventsAnswer[];
}
