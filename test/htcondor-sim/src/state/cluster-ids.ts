import { readFileSync, writeFileSync } from 'node:fs';
import { withLock } from './lock';
import { simPaths } from './paths';

/** Hands out cluster ids in order; two concurrent submits never share one. */
export function allocateClusterId(home: string): number {
  const p = simPaths(home);

  return withLock(p.locks, 'cluster-id', () => {
    const next = readNext(p.nextCluster);
    writeFileSync(p.nextCluster, `${next + 1}\n`);

    return next;
  });
}

function readNext(file: string): number {
  try {
    const value = Number.parseInt(readFileSync(file, 'utf8'), 10);

    return Number.isSafeInteger(value) && value > 0 ? value : 1;
  } catch {
    return 1;
  }
}
