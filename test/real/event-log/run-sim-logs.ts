import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  listQueue, simEnv, stopDaemons, waitForEmptyQueue, writeFaults,
} from '../../htcondor-sim/src/api';
import type { SimAction, SimLogScenario } from './sim-log-scenarios';

const RUNNING = 2;
const HELD = 5;

/**
 * Runs one scenario in a simulator home of its own under `root`; resolves
 * with the event log's path once the job has left the queue.
 */
export async function runSimLogScenario(
  root: string,
  index: number,
  s: SimLogScenario,
): Promise<string> {
  const dir = join(root, `scenario-${index}`);
  const home = join(dir, 'sim');
  mkdirSync(home, { recursive: true });
  if (s.faults) writeFaults(home, s.faults);
  writeFileSync(join(dir, 'job.sh'), `#!/bin/sh\n${s.script}\n`);
  chmodSync(join(dir, 'job.sh'), 0o755);
  const lines = { executable: 'job.sh', log: 'job.log', output: 'job.out', ...s.submit };
  const text = Object.entries(lines).map(([k, v]) => `${k} = ${v}`).join('\n');
  writeFileSync(join(dir, 'job.sub'), `${text}\nqueue\n`);

  const env = simEnv(home, { HTCONDOR_SIM_QUEUE_DELAY_MS: '50' });
  const tool = (name: string, ...args: string[]) => {
    const r = spawnSync(name, args, { cwd: dir, env, encoding: 'utf8', timeout: 20_000 });
    if (r.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${r.stderr}`);
  };
  try {
    tool('condor_submit', '-terse', 'job.sub');
    await act(s.action, home, join(dir, 'job.log'), tool);
    await waitForEmptyQueue(home, 20_000);
  } finally {
    await stopDaemons(home);
  }
  return join(dir, 'job.log');
}

type Tool = (name: string, ...args: string[]) => void;

async function act(
  action: SimAction,
  home: string,
  log: string,
  tool: Tool,
): Promise<void> {
  if (action.kind === 'rm-when') {
    await waitForStatus(home, action.status, log);
    tool('condor_rm', '1');
  } else if (action.kind === 'release-when-held') {
    await waitForStatus(home, HELD, log);
    tool('condor_release', '1');
  } else if (action.kind === 'hold-then-rm') {
    await waitForStatus(home, RUNNING, log);
    tool('condor_hold', '1.0');
    await waitForStatus(home, HELD, log);
    tool('condor_rm', '1');
  }
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/**
 * Waits for the status in the queue and, for a hold, for the 012 event:
 * the simulator's daemon must have seen the hold before it is told more.
 */
async function waitForStatus(home: string, status: number, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  const logged = () => status !== HELD || /^012 /m.test(readIfExists(log));
  while (!listQueue(home).some((ad) => ad.JobStatus === status) || !logged()) {
    if (Date.now() > deadline) {
      throw new Error(`no job reached JobStatus ${status} under ${home}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
