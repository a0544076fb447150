import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Every file the simulator keeps lives under one state root. */
export interface SimPaths {
  home: string;
  queue: string;
  history: string;
  clusters: string;
  execute: string;
  log: string;
  locks: string;
  invocations: string;
  faults: string;
  faultState: string;
  nextCluster: string;
  isolationFallback: string;
}

export function defaultSimHome(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;

  return `/var/tmp/htcondor-sim-${uid}`;
}

export function resolveSimHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HTCONDOR_SIM_HOME;

  return home && home.trim() !== '' ? resolve(home) : defaultSimHome();
}

export function simPaths(home: string): SimPaths {
  return {
    home,
    queue: join(home, 'queue'),
    history: join(home, 'history'),
    clusters: join(home, 'clusters'),
    execute: join(home, 'execute'),
    log: join(home, 'log'),
    locks: join(home, 'locks'),
    invocations: join(home, 'invocations.jsonl'),
    faults: join(home, 'faults.json'),
    faultState: join(home, 'fault-state.json'),
    nextCluster: join(home, 'next-cluster-id'),
    isolationFallback: join(home, 'isolation-fallback'),
  };
}

/** Creates the state root and its folders; cheap enough to call per tool. */
export function ensureSimHome(home: string): SimPaths {
  const p = simPaths(home);
  const dirs = [p.queue, p.history, p.clusters, p.execute, p.log, p.locks];
  for (const dir of dirs) mkdirSync(dir, { recursive: true });

  return p;
}
