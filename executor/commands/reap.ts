import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { SystemFailure } from '../errors';
import { condorTools } from '../condor/tools';
import { encodeClassAdString } from '../condor/submit/encode';
import { loadSettings } from '../settings/load';
import { formatDuration, parseDuration } from '../settings/units';

export interface ReapOptions {
  grace: string;
  dryRun: boolean;
}

interface TaggedJob {
  ClusterId: number;
  ProcId: number;
  GitLabJobId?: number;
  GitLabDriverPid?: number;
  QDate?: number;
}

/**
 * For a timer on the runner host: removes HTCondor jobs submitted from this
 * host whose driver process is gone (a runner that died skips cleanup),
 * once they are older than the grace period. One condor_q per run.
 */
export async function reapCommand(configFile: string, o: ReapOptions): Promise<void> {
  const settings = loadSettings(configFile);
  const tools = condorTools(settings, process.env);
  const graceS = parseDuration(o.grace);
  const host = encodeClassAdString('GitLabRunnerHost', hostname());
  const constraint = `GitLabRunnerHost == ${host} && JobStatus =!= 3`;
  const q = await tools.run('condor_q', [
    '-allusers', '-json', '-constraint', constraint,
    '-attributes', 'ClusterId,ProcId,GitLabJobId,GitLabDriverPid,QDate',
  ]);
  if (q.exitCode !== 0 || q.spawnError) {
    throw new SystemFailure(`condor_q failed: ${q.spawnError ?? q.stderr.trim()}`);
  }

  const jobs: TaggedJob[] = q.stdout.trim() ? JSON.parse(q.stdout) : [];
  const now = Date.now() / 1000;
  for (const job of jobs) {
    const age = now - (job.QDate ?? now);
    const id = `${job.ClusterId}.${job.ProcId}`;
    if (driverAlive(job.GitLabDriverPid)) continue;
    if (age < graceS) {
      process.stdout.write(`${id}: driver gone, within grace (${formatDuration(age)} old); kept\n`);
      continue;
    }
    await reapOne(tools, job, id, o.dryRun);
  }
}

async function reapOne(tools: ReturnType<typeof condorTools>, job: TaggedJob, id: string, dryRun: boolean) {
  const what = `${id} (CI job ${job.GitLabJobId ?? '?'}): driver ${job.GitLabDriverPid ?? '?'} is gone`;
  if (dryRun) {
    process.stdout.write(`${what}; would remove (dry run)\n`);
    return;
  }
  const r = await tools.run('condor_rm', [id]);
  process.stdout.write(`${what}; ${r.exitCode === 0 ? 'removed' : `condor_rm failed: ${r.stderr.trim()}`}\n`);
}

/** Alive and still our driver: a reused pid running something else is not. */
function driverAlive(pid: number | undefined): boolean {
  if (!pid || !Number.isInteger(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('gitlab-htcondor-executor');
  } catch {
    return false;
  }
}
