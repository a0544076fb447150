import * as fs from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './lock';
import { simPaths } from './paths';

/** What condor_submit hands to the daemon that plays schedd for a cluster. */
export interface ClusterMeta {
  cluster: number;
  procs: number[];
  /** Settings read from the submitter's environment at submit time. */
  queueDelayMs: number;
  executeHost: string;
  apHost: string;
  scheddAddress: string;
  submitTime: number;
  daemonPid?: number;
}

function metaFile(home: string, cluster: number): string {
  return join(simPaths(home).clusters, `${cluster}.json`);
}

export function writeClusterMeta(home: string, meta: ClusterMeta): void {
  const file = metaFile(home, meta.cluster);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(meta, null, 1));
  fs.renameSync(`${file}.tmp`, file);
}

export function readClusterMeta(
  home: string,
  cluster: number,
): ClusterMeta | undefined {
  try {
    const text = fs.readFileSync(metaFile(home, cluster), 'utf8');
    return JSON.parse(text) as ClusterMeta;
  } catch {
    return undefined;
  }
}

export function removeClusterMeta(home: string, cluster: number): void {
  fs.rmSync(metaFile(home, cluster), { force: true });
}

export function listClusterMetas(home: string): ClusterMeta[] {
  const dir = simPaths(home).clusters;
  if (!fs.existsSync(dir)) return [];

  return fs.readdirSync(dir)
    .filter((n) => /^\d+\.json$/.test(n))
    .map((n) => readClusterMeta(home, Number.parseInt(n, 10)))
    .filter((m): m is ClusterMeta => !!m);
}

/** Noted by condor_submit at once, so tools never miss a starting daemon. */
export function recordDaemonPid(
  home: string,
  cluster: number,
  pid: number | undefined,
): void {
  const meta = readClusterMeta(home, cluster);
  if (meta && pid !== undefined && meta.daemonPid === undefined) {
    writeClusterMeta(home, { ...meta, daemonPid: pid });
  }
}

/** The pid of the cluster's daemon while it still runs. */
export function liveDaemonPid(home: string, cluster: number) {
  const pid = readClusterMeta(home, cluster)?.daemonPid;

  return pid !== undefined && isAlive(pid) ? pid : undefined;
}
