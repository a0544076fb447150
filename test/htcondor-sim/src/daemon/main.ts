import { existsSync } from 'node:fs';
import { probeIsolation } from '../execute/isolation';
import * as clusters from '../state/clusters';
import { JobStatus, formatJobId } from '../state/job-ad';
import { readQueueAd } from '../state/queue-store';
import type { DaemonContext, ProcContext } from './context';
import { runProc } from './proc-lifecycle';

const WATCHDOG_MS = 500;
/** A safety net for held jobs nobody removes: the daemon gives up. */
const DEFAULT_MAX_LIFETIME_S = 24 * 3600;

/**
 * Plays schedd, shadow and starter for one cluster and ends when the
 * cluster does, or when its state root disappears (a test cleaned up), so
 * that no daemon outlives what it serves.
 */
export async function runDaemon(home: string, cluster: number) {
  const meta = clusters.readClusterMeta(home, cluster);
  if (!meta) {
    log(`cluster ${cluster}: no cluster metadata under ${home}`);
    return 1;
  }
  const own = { ...meta, daemonPid: process.pid };
  clusters.writeClusterMeta(home, own);
  const d = daemonContext(home, own);
  stopOn(d, ['SIGTERM', 'SIGINT', 'SIGHUP']);
  process.on('exit', () => d.running.forEach((job) => job.signal('SIGKILL')));
  const watchdog = startWatchdog(d);
  await Promise.all(meta.procs.map((proc) => followProc(d, proc)));
  clearInterval(watchdog);
  if (existsSync(home)) clusters.removeClusterMeta(home, cluster);
  log(`cluster ${cluster}: daemon done`);

  return 0;
}

/** Stops the daemon when its state root goes away or it ran too long. */
function startWatchdog(d: DaemonContext): NodeJS.Timeout {
  const started = Date.now();
  const limit = process.env.HTCONDOR_SIM_MAX_DAEMON_S || DEFAULT_MAX_LIFETIME_S;
  const maxMs = 1000 * Number(limit);

  return setInterval(() => {
    const tooOld = Date.now() - started > maxMs;
    if (!existsSync(d.home) || tooOld) d.stopping = true;
  }, WATCHDOG_MS);
}

function daemonContext(home: string, meta: clusters.ClusterMeta) {
  let seq = 0;
  const isolation = probeIsolation(home, process.env);
  if (isolation.kind === 'none') {
    log(
      `WARNING: jobs run WITHOUT a private /tmp: ${isolation.reason}; ` +
        "they share the host's /tmp",
    );
  }
  const d: DaemonContext = {
    home,
    meta,
    isolation,
    running: new Set(),
    stopping: false,
    log,
    nextScratchSeq: () => ++seq,
  };

  return d;
}

async function followProc(d: DaemonContext, proc: number): Promise<void> {
  const id = { cluster: d.meta.cluster, proc };
  const ad = readQueueAd(d.home, id);
  if (!ad) return;
  const held = ad.JobStatus === JobStatus.Held;
  const pc: ProcContext = {
    d,
    id,
    userLog: typeof ad.UserLog === 'string' ? ad.UserLog : undefined,
    applied: new Set(),
    // A removal that came before the daemon started must still be noticed.
    expected: held ? JobStatus.Held : JobStatus.Idle,
  };
  try {
    await runProc(pc);
  } catch (err) {
    const why = (err as Error).stack ?? String(err);
    log(`${formatJobId(id)}: stopped following the job: ${why}`);
  }
}

function stopOn(d: DaemonContext, signals: NodeJS.Signals[]): void {
  for (const sig of signals) {
    process.on(sig, () => {
      log(`received ${sig}, stopping`);
      d.stopping = true;
    });
  }
}

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}
