import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root, from bench/ or from dist/bench/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) {
    dir = dirname(dir);
  }

  return dir;
}

/** The executable gitlab-runner calls. */
export function driverBin(): string {
  return join(repoRoot(), 'bin', 'gitlab-htcondor-executor');
}

/** A temp dir under `parent` that `remove` deletes with everything in it. */
export interface TempDir {
  path: string;
  remove(): void;
}

export function makeTempDir(prefix: string, parent = tmpdir()): TempDir {
  const path = mkdtempSync(join(parent, `${prefix}-`));

  return {
    path,
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
