import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as ev from '../event-log/events';
import { sinful } from '../event-log/format';
import { buildJobEnv, machineAdText } from '../execute/job-env';
import { InputTransferError, type Sandbox, prepareSandbox } from '../execute/sandbox';
import { startJob } from '../execute/spawn-job';
import { openJobStdio } from '../execute/stdio';
import { type JobAd, JobStatus, nowSeconds } from '../state/job-ad';
import { simPaths } from '../state/paths';
import { argvOfAd } from '../submit/arguments';
import { type ProcContext, currentAd, logEvent, setStatus, slotName } from './context';
import { type Attempt, endAttempt } from './attempt-end';
import { monitorJob } from './monitor';
import { holdJob } from './transitions';
import { requested, residentKb } from './usage';

export type PhaseResult = 'done' | 'held' | 'idle';

/** One execution attempt: input transfer, start, watch, end. */
export async function runAttempt(pc: ProcContext): Promise<PhaseResult> {
  const ad = currentAd(pc);
  if (!ad) return 'done';
  const dir = join(simPaths(pc.d.home).execute, `dir_${process.pid}_${pc.d.nextScratchSeq()}`);
  const box = transferInput(pc, ad, dir);
  if (!box) return 'held';
  const running = markRunning(pc, box);
  logEvent(pc, ev.executing(executeInfo(pc, box, running)));
  const stdio = openJobStdio(running, box);
  const job = startJob(box, argvOfAd(running), buildJobEnv(running, box, slotName(pc)), pc.d.isolation, stdio);
  pc.d.running.add(job);
  const attempt: Attempt = { job, box, stdio, startedAt: Date.now(), rssKb: residentKb(job.pid) };
  logEvent(pc, ev.imageSize(Math.max(attempt.rssKb, 1), Math.ceil(attempt.rssKb / 1024), attempt.rssKb));
  try {
    return await endAttempt(pc, attempt, await monitorJob(pc, attempt));
  } finally {
    pc.d.running.delete(job);
    if (process.env.HTCONDOR_SIM_KEEP_EXECUTE !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

function slotAddress(pc: ProcContext, kind: 'slot' | 'startd'): string {
  const sock = kind === 'slot' ? `slot1_${pc.id.proc + 1}_${process.pid}_sim_${pc.id.cluster}` : `startd_${process.pid}_sim`;

  return sinful(pc.d.meta.executeHost, sock);
}

function transferInput(pc: ProcContext, ad: JobAd, dir: string): Sandbox | undefined {
  logEvent(pc, ev.fileTransfer('Started', 'input', slotAddress(pc, 'slot')));
  try {
    const box = prepareSandbox(dir, ad, machineAdText(pc.d.meta.executeHost, slotName(pc), ad));
    logEvent(pc, ev.fileTransfer('Finished', 'input'));
    return box;
  } catch (err) {
    if (!(err instanceof InputTransferError)) throw err;
    rmSync(dir, { recursive: true, force: true });
    const reason = `Transfer input files failure at execution point ${slotName(pc)} while receiving files from access point ${pc.d.meta.apHost}. Details: ${err.message}`;
    holdJob(pc, reason, 13, 2);
    return undefined;
  }
}

function markRunning(pc: ProcContext, box: Sandbox): JobAd {
  const now = nowSeconds();
  const ad = setStatus(pc, JobStatus.Running, (a) => {
    a.RemoteHost = slotName(pc);
    a.StartdIpAddr = slotAddress(pc, 'startd');
    a.JobStartDate = a.JobStartDate ?? now;
    a.JobCurrentStartDate = now;
    a.JobCurrentStartExecutingDate = now;
    a.ShadowBday = now;
    a.NumJobStarts = Number(a.NumJobStarts ?? 0) + 1;
    a.NumShadowStarts = Number(a.NumShadowStarts ?? 0) + 1;
    a.JobRunCount = Number(a.JobRunCount ?? 0) + 1;
    a.CurrentHosts = 1;
    a.RemoteIwd = box.cwd;
  });

  return ad ?? {};
}

function executeInfo(pc: ProcContext, box: Sandbox, ad: JobAd): ev.ExecuteInfo {
  return {
    host: slotAddress(pc, 'startd'),
    slotName: slotName(pc),
    scratchDir: box.dir,
    cpus: requested(ad, 'RequestCpus', 1),
    disk: requested(ad, 'RequestDisk', 1),
    gpus: requested(ad, 'RequestGPUs', 0),
    memory: requested(ad, 'RequestMemory', 1),
  };
}
