/** Sizes and repetitions; the defaults are the full benchmark. */
export interface BenchOptions {
  startupReps: number;
  remoteReps: number;
  logLines: number;
  throughputBytes: number;
  workspaceBytes: number;
  workspaceFiles: number;
  workspaceReps: number;
  waitingDrivers: number;
  waitingWindowS: number;
  eventLogBytes: number;
}

const MiB = 2 ** 20;

export const FULL: BenchOptions = {
  startupReps: 100,
  remoteReps: 30,
  logLines: 200,
  throughputBytes: 200 * MiB,
  workspaceBytes: 1024 * MiB,
  workspaceFiles: 10_000,
  workspaceReps: 5,
  waitingDrivers: 100,
  waitingWindowS: 30,
  eventLogBytes: 10 * MiB,
};

/** A smoke run in well under a minute: every code path, small sizes. */
const QUICK: BenchOptions = {
  startupReps: 8,
  remoteReps: 4,
  logLines: 40,
  throughputBytes: 20 * MiB,
  workspaceBytes: 32 * MiB,
  workspaceFiles: 500,
  workspaceReps: 1,
  waitingDrivers: 10,
  waitingWindowS: 3,
  eventLogBytes: 2 * MiB,
};

export const USAGE = `usage: npm run bench -- [--quick] [--workspace-mib N] [name...]
  --quick            small sizes and few repetitions (a smoke run)
  --workspace-mib N  workspace tree of N MiB instead of 1024 (files scale too)
  name               run only these benchmarks`;

/** Flags and benchmark names from the command line. */
export function parseBenchArgs(argv: string[]): {
  options: BenchOptions;
  names: string[];
} {
  const options = { ...(argv.includes('--quick') ? QUICK : FULL) };
  const names: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--workspace-mib') {
      scaleWorkspace(options, Number(argv[(i += 1)]));
    } else if (arg !== '--quick') {
      if (arg.startsWith('-')) throw new Error(`unknown flag ${arg}\n${USAGE}`);
      names.push(arg);
    }
  }

  return { options, names };
}

function scaleWorkspace(o: BenchOptions, mib: number): void {
  if (!Number.isFinite(mib) || mib <= 0) {
    throw new Error(`--workspace-mib needs a positive number\n${USAGE}`);
  }
  const scale = (mib * MiB) / FULL.workspaceBytes;
  o.workspaceBytes = mib * MiB;
  o.workspaceFiles = Math.max(10, Math.round(FULL.workspaceFiles * scale));
}
