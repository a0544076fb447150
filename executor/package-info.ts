import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
  root: string;
}

let cached: PackageInfo | undefined;

/** Our own package.json, found by walking up from this file (src or dist). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'gitlab-htcondor-executor') {
        cached = { name: pkg.name, version: pkg.version, root: dir };
        return cached;
      }
    } catch {
      // not here; keep walking up
    }
  }

  return { name: 'gitlab-htcondor-executor', version: '0.0.0', root: __dirname };
}
