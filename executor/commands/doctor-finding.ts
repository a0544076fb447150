import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/**
 * What one check of `doctor` found: fine, worth a look, or something the
 * admin must change before jobs can run.
 */
export type Verdict = 'ok' | 'warn' | 'fix';

export interface Finding {
  check: string;
  verdict: Verdict;
  text: string;
}

export const ok = (check: string, text: string): Finding => ({
  check,
  verdict: 'ok',
  text,
});
export const warn = (check: string, text: string): Finding => ({
  check,
  verdict: 'warn',
  text,
});
export const fix = (check: string, text: string): Finding => ({
  check,
  verdict: 'fix',
  text,
});

export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** A directory we may create entries in, or with `file`, a writable file. */
export function canWrite(path: string, file = false): boolean {
  try {
    accessSync(path, constants.W_OK | (file ? 0 : constants.X_OK));
    return true;
  } catch {
    return false;
  }
}

/** The nearest directory that exists on the way up from `path`. */
export function existingAncestor(path: string): string {
  let dir = path;
  while (!statOrUndefined(dir) && dirname(dir) !== dir) dir = dirname(dir);

  return dir;
}

/** Where `program` would be found: itself when it has a slash, else PATH. */
export function findProgram(program: string, env: NodeJS.ProcessEnv) {
  const candidates = program.includes('/')
    ? [program]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, program));

  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}
