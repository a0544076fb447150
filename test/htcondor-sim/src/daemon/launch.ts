import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { simPaths } from '../state/paths';

/**
 * Starts the daemon that plays schedd, shadow and starter for one cluster.
 * It gets its own session and writes only to its log file: the caller of
 * condor_submit may be waiting for EOF on its stdout and stderr.
 */
export function launchDaemon(
  home: string,
  cluster: number,
  env: NodeJS.ProcessEnv,
): number | undefined {
  const paths = simPaths(home);
  const fd = openSync(join(paths.log, `cluster-${cluster}.log`), 'a');
  const entry = join(__dirname, '..', 'sim-daemon.js');
  try {
    const child = spawn(process.execPath, [entry, home, String(cluster)], {
      detached: true,
      stdio: ['ignore', fd, fd],
      env,
      cwd: paths.home,
    });
    child.unref();

    return child.pid;
  } finally {
    closeSync(fd);
  }
}
