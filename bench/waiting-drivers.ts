import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDriver, type RunningCall } from './lib/driver-call';
import type { BenchOptions } from './lib/options';
import { atMost, type Figure } from './lib/report';
import { makeSimWorld, type SimWorld } from './lib/sim-world';
import { median } from './lib/stats';

const START_TIMEOUT_MS = 180_000;
/** Time for the drivers to finish what follows a submit before measuring. */
const SETTLE_MS = 5000;

/**
 * Many remote stages whose jobs stay queued (an instant stand-in for the
 * schedd that never starts them, so that only the drivers are measured):
 * each driver's resident memory, and the CPU all of them use together
 * while they wait.
 */
export async function benchWaitingDrivers(o: BenchOptions): Promise<Figure[]> {
  const world = makeSimWorld({ queueDelayMs: 0, schedd: 'idle' });
  const drivers: RunningCall[] = [];
  try {
    const script = join(world.root, 'script.sh');
    writeFileSync(script, 'true\n');
    for (let i = 0; i < o.waitingDrivers; i += 1) {
      drivers.push(startStage(world, 1000 + i, script));
    }
    await waitUntilSubmitted(world, o.waitingDrivers);
    await sleep(SETTLE_MS);
    const pids = drivers.map((d) => d.child.pid as number);
    const first = await measureCpu(pids, o.waitingWindowS);
    const rss = pids.map(rssMB);
    const later = await measureCpu(pids, o.waitingWindowS);

    return figures(o.waitingDrivers, rss, first, later);
  } finally {
    await cancelAll(drivers);
    await world.remove();
  }
}

function startStage(world: SimWorld, jobId: number, script: string) {
  const args = ['run', script, 'build_script', '--config', world.settingsFile];

  return startDriver(args, {
    env: world.env(jobId),
    keepStdout: false,
    timeoutMs: START_TIMEOUT_MS + 120_000,
  });
}

/** Every job's event log holds its 000 event: all drivers are waiting. */
async function waitUntilSubmitted(world: SimWorld, count: number) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const submitted = countSubmitted(world, count);
    if (submitted === count) return;
    if (Date.now() > deadline) {
      throw new Error(`only ${submitted} of ${count} stages were submitted`);
    }
    await sleep(250);
  }
}

function countSubmitted(world: SimWorld, count: number): number {
  let submitted = 0;
  for (let i = 0; i < count; i += 1) {
    const dir = world.stageDirs(1000 + i).at(-1);
    if (!dir) continue;
    try {
      if (readFileSync(join(dir, 'job.log'), 'utf8').startsWith('000 ')) {
        submitted += 1;
      }
    } catch {
      // not submitted yet
    }
  }

  return submitted;
}

/** CPU used by each process during a window of `seconds`, in ms. */
async function measureCpu(pids: number[], seconds: number) {
  const before = pids.map(cpuMs);
  const start = performance.now();
  await sleep(seconds * 1000);
  const used = pids.map((pid, i) => cpuMs(pid) - (before[i] ?? 0));

  return { used, seconds: (performance.now() - start) / 1000 };
}

type Window = Awaited<ReturnType<typeof measureCpu>>;

function share(w: Window): number {
  return (w.used.reduce((a, b) => a + b, 0) / 1000 / w.seconds) * 100;
}

function figures(n: number, rss: number[], first: Window, later: Window) {
  const maxRss = Math.max(...rss);
  const cpu = first.used;
  const total = cpu.reduce((a, b) => a + b, 0);
  const cpuShare = share(first);
  const rssFigure: Figure = {
    name: `${n} remote stages waiting: memory per driver`,
    value: maxRss,
    unit: 'MB RSS (largest)',
    target: atMost(60, '<= 60 MB RSS per driver'),
    baseline: 'the 60 MB target',
    ratio: maxRss / 60,
    raw: [
      `RSS median ${median(rss).toFixed(1)} MB, ` +
        `largest ${maxRss.toFixed(1)} MB (MB = 10^6 bytes)`,
    ],
  };
  const cpuFigure: Figure = {
    name: `${n} remote stages waiting: CPU of all drivers`,
    value: cpuShare,
    unit: '% of one core',
    target: atMost(2, '<= 2% of one core in total'),
    baseline: 'the 2% target',
    ratio: cpuShare / 2,
    raw: [
      `${total.toFixed(0)} ms of CPU in ${first.seconds.toFixed(1)} s, from ` +
        `${(SETTLE_MS / 1000).toFixed(0)} s after the last submit; ` +
        `per driver median ${median(cpu).toFixed(1)} ms, ` +
        `largest ${Math.max(...cpu).toFixed(1)} ms`,
      `the ${later.seconds.toFixed(0)} s after that: ` +
        `${share(later).toFixed(2)} % of one core, per driver median ` +
        `${median(later.used).toFixed(1)} ms, ` +
        `largest ${Math.max(...later.used).toFixed(1)} ms`,
    ],
  };

  return [rssFigure, cpuFigure];
}

/** CPU time of all threads of a process (V8 helpers too), in ms. */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8');
    ns += Number(stat.split(' ')[0]);
  }

  return ns / 1e6;
}

/** Resident memory in MB of 10^6 bytes, the stricter reading of "MB". */
function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];

  return (Number(kb) * 1024) / 1e6;
}

/** The runner's cancel: SIGTERM; each driver then removes its job. */
async function cancelAll(drivers: RunningCall[]): Promise<void> {
  for (const d of drivers) d.child.kill('SIGTERM');
  await Promise.allSettled(drivers.map((d) => d.done));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
