import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Command {
  label: string;
  file: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Wall time of one whole process, spawn to exit, in milliseconds. */
export function timeCommand(c: Command): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(c.file, c.args, {
    env: c.env ?? process.env,
    cwd: c.cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 30_000,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? result.stderr.toString().trim();
    throw new Error(`${c.label} failed (status ${result.status}): ${why}`);
  }

  return ms;
}

/** Wall times of each command, and the mean CPU time of one run. */
export interface Timings {
  wallMs: number[];
  cpuMs: number;
}

/**
 * Runs every command `reps` times, interleaved and in a rotating order, so
 * that a burst of load from other work on the machine falls on all of them
 * alike. CPU time (user + system, from the kernel's count for reaped
 * children) is less disturbed by that load than wall time.
 */
export function timeInterleaved(
  commands: readonly Command[],
  reps: number,
  warmups = 2,
): Map<string, Timings> {
  const wall = new Map(commands.map((c) => [c.label, [] as number[]]));
  const cpu = new Map(commands.map((c) => [c.label, 0]));
  for (let i = 0; i < warmups; i += 1) commands.forEach(timeCommand);
  for (let i = 0; i < reps; i += 1) {
    for (let j = 0; j < commands.length; j += 1) {
      const c = commands[(i + j) % commands.length] as Command;
      const before = childrenCpuMs();
      wall.get(c.label)?.push(timeCommand(c));
      cpu.set(c.label, (cpu.get(c.label) ?? 0) + childrenCpuMs() - before);
    }
  }
  const result = new Map<string, Timings>();
  for (const c of commands) {
    const cpuMs = (cpu.get(c.label) ?? 0) / reps;
    result.set(c.label, { wallMs: wall.get(c.label) ?? [], cpuMs });
  }

  return result;
}

/** cutime + cstime of this process: CPU used by reaped children. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);

  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

// USER_HZ, which Linux fixes at 100 for /proc on every architecture.
const CLOCK_TICKS_PER_S = 100;
