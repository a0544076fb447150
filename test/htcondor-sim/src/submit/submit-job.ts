import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { submitted } from '../event-log/events';
import { sinful } from '../event-log/format';
import { appendEvent } from '../event-log/writer';
import { allocateClusterId } from '../state/cluster-ids';
import { type ClusterMeta, writeClusterMeta } from '../state/clusters';
import { takeSubmitError } from '../state/faults';
import { type JobAd, jobIdOf, nowSeconds, stringAttr } from '../state/job-ad';
import { insertJobs } from '../state/queue-store';
import { buildJobAd, unusedWarnings } from './build-ad';
import type { BuildContext } from './build-context';
import type { SubmitArgs } from './cli-args';
import { SubmitError } from './lines';
import { expandJobs } from './queue-expansion';
import { readDescription } from './read-description';

export interface SubmitOutcome {
  cluster: number;
  ads: JobAd[];
  warnings: string[];
}

/** Parses, checks and queues one submission; throws SubmitError to refuse. */
export function submitJobs(
  home: string,
  args: SubmitArgs,
  cwd: string,
  env: NodeJS.ProcessEnv,
): SubmitOutcome {
  refuseIfScheddDown(home, args);
  const { statements, appended, submitFile } = readDescription(args, cwd);
  const cluster = allocateClusterId(home);
  const options = { cluster, submitFile, cwd, env, appended };
  const hashes = expandJobs(statements, options);
  const base: BuildContext = {
    cluster,
    proc: 0,
    submitCwd: cwd,
    env,
    qdate: nowSeconds(),
    owner: userInfo().username,
    apHost: hostname(),
    batchName: args.batchName,
  };
  const ads = hashes.map((hash, proc) => buildJobAd(hash, { ...base, proc }));
  const warnings = hashes[0] ? unusedWarnings(hashes[0]) : [];
  const meta = clusterMeta(home, cluster, ads, env);
  writeClusterMeta(home, meta);
  insertJobs(home, ads);
  for (const ad of ads) {
    const event = submitted(meta.scheddAddress);
    appendEvent(stringAttr(ad, 'UserLog'), jobIdOf(ad), event);
  }

  return { cluster, ads, warnings };
}

function refuseIfScheddDown(home: string, args: SubmitArgs): void {
  const message = takeSubmitError(home);
  if (message === undefined) return;
  const fallback = args.name
    ? `ERROR: Can't find address of schedd ${args.name}`
    : "ERROR: Can't find address of local schedd";
  throw new SubmitError((message || fallback).split('\n'));
}

/** Settings come from the submitter's environment, read at submit time. */
function clusterMeta(
  home: string,
  cluster: number,
  ads: JobAd[],
  env: NodeJS.ProcessEnv,
): ClusterMeta {
  const delay = Number(env.HTCONDOR_SIM_QUEUE_DELAY_MS ?? '200');
  const id = createHash('sha1').update(home).digest('hex').slice(0, 4);

  return {
    cluster,
    procs: ads.map((ad) => Number(ad.ProcId)),
    queueDelayMs: Number.isFinite(delay) && delay >= 0 ? delay : 200,
    executeHost: env.HTCONDOR_SIM_HOSTNAME || 'sim-ep1.example.org',
    apHost: hostname(),
    scheddAddress: sinful(hostname(), `schedd_9618_${id}`),
    submitTime: Date.now(),
  };
}

/** What condor_submit prints on stdout once the jobs are queued. */
export function formatSubmitted(outcome: SubmitOutcome, terse: boolean) {
  const n = outcome.ads.length;
  const c = outcome.cluster;
  if (terse) return `${c}.0 - ${c}.${n - 1}\n`;
  const dots = '.'.repeat(n);

  return `Submitting job(s)${dots}\n${n} job(s) submitted to cluster ${c}.\n`;
}
