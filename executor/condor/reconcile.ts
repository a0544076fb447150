import type { CondorTools } from './tools';

/** What the schedd knows of a job whose event log went quiet. */
export type JobAdVerdict =
  | { kind: 'active'; status: number }
  | { kind: 'held'; code: number; subcode: number; reason: string }
  | { kind: 'completed'; exitedNormally: boolean; exitCode: number; signal: number }
  | { kind: 'removed'; reason: string }
  | { kind: 'vanished' }
  | { kind: 'unknown'; why: string };

const ATTRS = [
  'ClusterId', 'ProcId', 'JobStatus', 'ExitCode', 'ExitBySignal', 'ExitSignal',
  'HoldReason', 'HoldReasonCode', 'HoldReasonSubCode', 'RemoveReason',
].join(',');

type Ad = Record<string, unknown>;

/**
 * One constrained condor_q for the cluster, then, if it has left the queue,
 * one condor_history: the outcome comes from the job ad.
 */
export async function askSchedd(tools: CondorTools, cluster: number): Promise<JobAdVerdict> {
  const queue = await query(tools, 'condor_q', [String(cluster), '-json', '-attributes', ATTRS]);
  if ('why' in queue) return { kind: 'unknown', why: queue.why };
  if (queue.ad) return judgeAd(queue.ad);

  const history = await query(tools, 'condor_history', [
    String(cluster), '-json', '-limit', '1', '-attributes', ATTRS,
  ]);
  if ('why' in history) return { kind: 'unknown', why: history.why };

  return history.ad ? judgeAd(history.ad) : { kind: 'vanished' };
}

type QueryResult = { why: string } | { ad: Ad | undefined };

async function query(
  tools: CondorTools,
  tool: 'condor_q' | 'condor_history',
  args: string[],
): Promise<QueryResult> {
  const r = await tools.run(tool, args, 60_000);
  if (r.exitCode !== 0 || r.spawnError) {
    return { why: `${tool} failed: ${r.spawnError ?? r.stderr.trim().split('\n')[0] ?? r.exitCode}` };
  }
  if (r.stdout.trim() === '') return { ad: undefined };
  try {
    const ads = JSON.parse(r.stdout) as Ad[];
    return { ad: ads.find((ad) => ad.ProcId === 0 || ad.ProcId === undefined) };
  } catch {
    return { why: `${tool} printed something that is not JSON` };
  }
}

export function judgeAd(ad: Ad): JobAdVerdict {
  const status = Number(ad.JobStatus);
  switch (status) {
    case 4:
      return {
        kind: 'completed',
        exitedNormally: ad.ExitBySignal !== true,
        exitCode: Number(ad.ExitCode ?? 0),
        signal: Number(ad.ExitSignal ?? 0),
      };
    case 3:
      return { kind: 'removed', reason: String(ad.RemoveReason ?? 'removed') };
    case 5:
      return {
        kind: 'held',
        code: Number(ad.HoldReasonCode ?? 0),
        subcode: Number(ad.HoldReasonSubCode ?? 0),
        reason: String(ad.HoldReason ?? ''),
      };
    default:
      return { kind: 'active', status };
  }
}
