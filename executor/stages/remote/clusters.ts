import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The clusters this CI job submitted and that have not yet been seen to
 * end, one empty file each, so cleanup knows whether it must call
 * condor_rm at all.
 */
function clustersDir(stateDir: string): string {
  return join(stateDir, 'clusters');
}

export function recordCluster(stateDir: string, cluster: number): void {
  mkdirSync(clustersDir(stateDir), { recursive: true, mode: 0o700 });
  writeFileSync(join(clustersDir(stateDir), String(cluster)), '', { mode: 0o600 });
}

export function forgetCluster(stateDir: string, cluster: number): void {
  rmSync(join(clustersDir(stateDir), String(cluster)), { force: true });
}

export function openClusters(stateDir: string): number[] {
  try {
    return readdirSync(clustersDir(stateDir))
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * Set while condor_submit runs: a driver killed in that window may have
 * queued a job whose id nobody recorded, so cleanup must search by tag.
 */
export function markSubmitting(stateDir: string, on: boolean): void {
  const marker = join(clustersDir(stateDir), 'submitting');
  if (!on) return rmSync(marker, { force: true });
  mkdirSync(clustersDir(stateDir), { recursive: true, mode: 0o700 });
  writeFileSync(marker, '', { mode: 0o600 });
}

export function wasSubmitting(stateDir: string): boolean {
  try {
    return readdirSync(clustersDir(stateDir)).includes('submitting');
  } catch {
    return false;
  }
}
