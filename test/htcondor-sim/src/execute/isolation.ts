import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simPaths } from '../state/paths';

/** How jobs get a private /tmp (MOUNT_UNDER_SCRATCH = /tmp). */
export type Isolation =
  | { kind: 'namespace'; unshare: string }
  | { kind: 'none'; reason: string };

const UNSHARE = ['/usr/bin/unshare', '/bin/unshare', '/usr/sbin/unshare'];

/**
 * Checks once whether a private mount namespace with a bind mount on /tmp
 * can be made here (`unshare -m` needs root or user namespaces). When it
 * cannot, the reason is written to the `isolation-fallback` marker so
 * tests can tell that jobs share the host's /tmp.
 */
export function probeIsolation(home: string, env: NodeJS.ProcessEnv) {
  const result = tryNamespace(home, env);
  const marker = simPaths(home).isolationFallback;
  if (result.kind === 'none') writeFileSync(marker, `${result.reason}\n`);
  else rmSync(marker, { force: true });

  return result;
}

function tryNamespace(home: string, env: NodeJS.ProcessEnv): Isolation {
  if (env.HTCONDOR_SIM_NO_NAMESPACE === '1') {
    const reason = 'mount namespaces disabled by HTCONDOR_SIM_NO_NAMESPACE=1';
    return { kind: 'none', reason };
  }
  const unshare = UNSHARE.find((p) => existsSync(p));
  if (!unshare) return { kind: 'none', reason: 'unshare(1) not found' };
  const probe = mkdtempSync(join(simPaths(home).execute, 'probe_'));
  try {
    const script = 'mount --bind "$1" /tmp';
    const args = ['-m', '--propagation', 'private', '/bin/sh', '-c', script];
    const run = spawnSync(unshare, [...args, 'probe', probe], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    if (run.status === 0) return { kind: 'namespace', unshare };
    const why = run.stderr || run.error?.message || `exit ${run.status}`;
    const reason = `cannot make a private mount namespace: ${why.trim()}`;

    return { kind: 'none', reason };
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
