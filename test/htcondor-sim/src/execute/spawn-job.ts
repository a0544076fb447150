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

const PROLOGUE = `
cwd=$1; n=$2; shift 2; scratch=$(pwd)
fail() { echo "$1" > "$scratch/${START_ERROR}"; exit 1; }
`;

/**
 * Inside a private mount namespace: paths under /tmp the job must still
 * reach (its scratch dir, Iwd without transfer) are bound into the new
 * /tmp first, then `<scratch>/tmp` covers /tmp.
 */
const PRIVATE_TMP = `
while [ "$n" -gt 0 ]; do
  inner="$scratch/tmp/\${1#/tmp/}"
  mkdir -p "$inner" && mount --bind "$1" "$inner" || fail "cannot expose $1"
  shift; n=$((n-1))
done
mount --rbind "$scratch/tmp" /tmp || fail "cannot mount /tmp"
`;

const EXEC = `
cd "$cwd" || fail "cannot enter $cwd"
[ -x "$1" ] || fail "$1"
exec "$@"
`;

/** Starts the job in its own process group (and namespace when possible). */
export function startJob(
  box: Sandbox,
  argv: string[],
  env: Record<string, string>,
  isolation: Isolation,
  stdio: JobStdio,
): RunningJob {
  const [file, args] = jobCommand(box, argv, isolation);
  const child = spawn(file, args, {
    cwd: box.dir,
    env,
    detached: true,
    stdio: stdio.spawnStdio,
  });
  stdio.attach(child);
  let exited = false;
  const exit = new Promise<ExitInfo>((resolve) => {
    const done = (info: ExitInfo) => {
      exited = true;
      resolve(info);
    };
    child.on('error', (err) => done({ exitCode: 1, startError: err.message }));
    child.on('exit', (code, sig) => done(exitInfo(box, code, sig)));
  });

  return {
    pid: child.pid ?? -1,
    exit,
    hasExited: () => exited,
    signal: (sig) => signalGroup(child.pid, sig),
  };
}

/** `sh -c SCRIPT`, inside `unshare -m` when a namespace is available. */
function jobCommand(
  box: Sandbox,
  argv: string[],
  isolation: Isolation,
): [string, string[]] {
  const inNamespace = isolation.kind === 'namespace';
  const keep = inNamespace ? pathsUnderTmp([box.dir, box.cwd]) : [];
  const script = PROLOGUE + (inNamespace ? PRIVATE_TMP : '') + EXEC;
  const sh = ['-c', script, 'sim-job', box.cwd, `${keep.length}`, ...keep];
  const command = [...sh, box.executable, ...argv];
  if (!inNamespace) return ['/bin/sh', command];

  const unshare = ['-m', '--propagation', 'private', '/bin/sh'];

  return [isolation.unshare, [...unshare, ...command]];
}

function pathsUnderTmp(paths: string[]): string[] {
  const under = paths.filter((p) => p.startsWith('/tmp/'));

  return [...new Set(under)];
}

function exitInfo(
  box: Sandbox,
  code: number | null,
  sig: NodeJS.Signals | null,
): ExitInfo {
  const marker = join(box.dir, START_ERROR);
  if (existsSync(marker)) {
    const startError = readFileSync(marker, 'utf8').trim();
    return { exitCode: code ?? 1, startError };
  }
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
