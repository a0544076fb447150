import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import type { Isolation } from './isolation';
import type { Sandbox } from './sandbox';
import type { JobStdio } from './stdio';

export interface ExitInfo {
  exitCode: number;
  signal?: number;
  /** Set when the executable could not be started (hold code 6). */
  startError?: string;
}

export interface RunningJob {
  pid: number;
  exit: Promise<ExitInfo>;
  hasExited(): boolean;
  /** Signals the job's whole process group. */
  signal(sig: NodeJS.Signals): void;
}

const START_ERROR = '.sim_start_error';

/**
 * Inside a private mount namespace: paths under /tmp the job must still
 * reach (its scratch dir, Iwd without transfer) are bound into the new
 * /tmp first, then `<scratch>/tmp` covers /tmp.
 */
const NAMESPACE_SETUP = `
cwd=$1; n=$2; shift 2; scratch=$(pwd)
while [ "$n" -gt 0 ]; do
  rel=\${1#/tmp/}
  mkdir -p "$scratch/tmp/$rel" && mount --bind "$1" "$scratch/tmp/$rel" || { echo "cannot expose $1" > "$scratch/${START_ERROR}"; exit 1; }
  shift; n=$((n-1))
done
mount --rbind "$scratch/tmp" /tmp || { echo "cannot mount /tmp" > "$scratch/${START_ERROR}"; exit 1; }
`;

const EXEC = `
cd "$cwd" || { echo "cannot enter $cwd" > "$scratch/${START_ERROR}"; exit 1; }
[ -x "$1" ] || { echo "$1" > "$scratch/${START_ERROR}"; exit 1; }
exec "$@"
`;

const PLAIN_SETUP = 'cwd=$1; shift 2; scratch=$(pwd)';

export function startJob(box: Sandbox, argv: string[], env: Record<string, string>, isolation: Isolation, stdio: JobStdio): RunningJob {
  const inNamespace = isolation.kind === 'namespace';
  const keep = inNamespace ? [box.dir, box.cwd].filter((p, i, all) => p.startsWith('/tmp/') && all.indexOf(p) === i) : [];
  const script = (inNamespace ? NAMESPACE_SETUP : PLAIN_SETUP) + EXEC;
  const shArgs = ['-c', script, 'sim-job', box.cwd, String(keep.length), ...keep, box.executable, ...argv];
  const command = inNamespace ? isolation.unshare : '/bin/sh';
  const args = inNamespace ? ['-m', '--propagation', 'private', '/bin/sh', ...shArgs] : shArgs;
  const child = spawn(command, args, { cwd: box.dir, env, detached: true, stdio: stdio.spawnStdio });
  stdio.attach(child);
  let exited = false;
  const exit = new Promise<ExitInfo>((resolve) => {
    child.on('error', (err) => {
      exited = true;
      resolve({ exitCode: 1, startError: err.message });
    });
    child.on('exit', (code, sig) => {
      exited = true;
      resolve(exitInfo(box, code, sig));
    });
  });

  return { pid: child.pid ?? -1, exit, hasExited: () => exited, signal: (sig) => signalGroup(child.pid, sig) };
}

function exitInfo(box: Sandbox, code: number | null, sig: NodeJS.Signals | null): ExitInfo {
  const marker = join(box.dir, START_ERROR);
  if (existsSync(marker)) return { exitCode: code ?? 1, startError: readFileSync(marker, 'utf8').trim() };
  if (sig) return { exitCode: 0, signal: constants.signals[sig] ?? 9 };

  return { exitCode: code ?? 0 };
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    // the group is already gone
  }
}
