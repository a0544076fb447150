import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The checkout root: the nearest folder above this file with package.json. */
export function repoRoot(): string {
  let dir = resolve(__dirname);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) {
    dir = dirname(dir);
  }
  return dir;
}

/** `../shared` beside the checkout, or undefined where it is absent. */
export function sharedDir(): string | undefined {
  const dir = resolve(repoRoot(), '..', 'shared');
  return existsSync(dir) ? dir : undefined;
}

/**
 * Why a tool that the install scripts fetch is unavailable, as written by
 * the script (`.cache/blocked/<name>.txt`), or undefined when not blocked.
 */
export function blockedReason(name: string): string | undefined {
  const file = join(repoRoot(), '.cache', 'blocked', `${name}.txt`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** First line of a blocked reason, short enough for a test name. */
export function blockedHeadline(reason: string): string {
  const command = reason.split('\n')[0] ?? reason;
  return command.length > 150 ? `${command.slice(0, 147)}...` : command;
}
