import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every entry below `root` by relative path, never following a symlink. */
function walk(root: string, visit: (rel: string, path: string) => void): void {
  if (!existsSync(root)) return;
  const into = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      visit(path.slice(root.length + 1), path);
      if (lstatSync(path).isDirectory()) into(path);
    }
  };
  into(root);
}

/** Octal mode (and group, when asked) of every entry below `root`. */
export function modesBelow(root: string, withGroup = false): Record<string, string> {
  const modes: Record<string, string> = {};
  walk(root, (rel, path) => {
    const stat = lstatSync(path);
    const mode = (stat.mode & 0o7777).toString(8);
    modes[rel] = withGroup ? `${mode} ${stat.gid}` : mode;
  });
  return modes;
}

/** Regular files below the roots that hold any of the needles. */
export function filesHolding(roots: string[], needles: string[]): string[] {
  const found: string[] = [];
  for (const root of roots) {
    walk(root, (_rel, path) => {
      if (!lstatSync(path).isFile()) return;
      const text = readFileSync(path, 'latin1');
      if (needles.some((needle) => text.includes(needle))) found.push(path);
    });
  }
  return found;
}
