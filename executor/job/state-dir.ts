import { mkdirSync, rmSync, chmodSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { SystemFailure } from '../errors';

/**
 * The job's private state dir: submit files, copies of scripts, archives,
 * event logs. It holds secrets, so it is 0700 and removed by cleanup.
 */
export function stateDirOf(stateRoot: string, key: string): string {
  return join(stateRoot, key);
}

export function createStateDir(stateRoot: string, key: string): string {
  const dir = stateDirOf(stateRoot, key);
  try {
    mkdirSync(stateRoot, { recursive: true, mode: 0o700 });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  } catch (error) {
    throw new SystemFailure(`cannot create the state dir ${dir}`, { cause: error });
  }

  return dir;
}

export function requireStateDir(stateRoot: string, key: string): string {
  const dir = stateDirOf(stateRoot, key);
  try {
    if (lstatSync(dir).isDirectory()) return dir;
  } catch {
    // fall through: a missing dir means prepare did not run for this attempt
  }

  return createStateDir(stateRoot, key);
}

export function removeStateDir(stateRoot: string, key: string): void {
  rmSync(stateDirOf(stateRoot, key), { recursive: true, force: true });
}
