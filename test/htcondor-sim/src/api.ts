import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { listClusterMetas, liveDaemonPid } from './state/clusters';
import { type SimFaults, writeFaultsFile } from './state/faults';
import { type Invocation, readInvocationLines } from './state/invocations';
import type { JobAd } from './state/job-ad';
import { listHistoryAds, listQueueAds } from './state/queue-store';
import { ensureSimHome, simPaths } from './state/paths';

export type { Invocation } from './state/invocations';
export type { AdValue, ExprValue, JobAd } from './state/job-ad';
export type { SimFaults } from './state/faults';

/** The folder with the condor_* shims, from the sources or from dist/. */
export function simBinDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) {
    dir = dirname(dir);
  }

  return join(dir, 'test', 'htcondor-sim', 'bin');
}

/** An environment that runs the simulator: its bin dir first on PATH. */
export function simEnv(
  home: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${simBinDir()}${delimiter}${process.env.PATH ?? ''}`,
    HTCONDOR_SIM_HOME: home,
    ...extra,
  };
}

/** Every tool call recorded under `home`, oldest first. */
export function readInvocations(home: string): Invocation[] {
  return readInvocationLines(simPaths(home).invocations);
}

export function listQueue(home: string): JobAd[] {
  return listQueueAds(home);
}

/** Jobs that left the queue, newest first. */
export function listHistory(home: string): JobAd[] {
  return listHistoryAds(home);
}

/** Replaces faults.json; counters of earlier faults start again. */
export function writeFaults(home: string, faults: SimFaults): void {
  ensureSimHome(home);
  writeFaultsFile(home, faults);
}

/** Why jobs run without a private /tmp, or undefined when they have one. */
export function isolationFallback(home: string): string | undefined {
  const marker = simPaths(home).isolationFallback;

  return existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;
}

function liveDaemons(home: string): number[] {
  return listClusterMetas(home)
    .map((m) => liveDaemonPid(home, m.cluster))
    .filter((pid): pid is number => pid !== undefined);
}

/** Resolves once no job is queued and every daemon has ended. */
export async function waitForEmptyQueue(
  home: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const queued = listQueueAds(home);
    if (queued.length === 0 && liveDaemons(home).length === 0) return;
    if (Date.now() > deadline) {
      const ids = queued.map(
        (ad) => `${ad.ClusterId}.${ad.ProcId} (JobStatus ${ad.JobStatus})`,
      );
      const what = ids.join(', ') || 'daemons still running';
      throw new Error(`${home}: not done after ${timeoutMs} ms: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stops every daemon of `home` and its jobs (test cleanup). */
export async function stopDaemons(home: string, timeoutMs = 5000) {
  for (const pid of liveDaemons(home)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (liveDaemons(home).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
