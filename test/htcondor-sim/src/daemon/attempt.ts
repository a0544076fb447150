import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as ev from '../event-log/events';
import { sinful } from '../event-log/format';
import { buildJobEnv, machineAdText } from '../execute/job-env';
import * as sandbox from '../execute/sandbox';
import { startJob } from '../execute/spawn-job';
import { openJobStdio } from '../execute/stdio';
import { type JobAd, JobStatus, nowSeconds } from '../state/job-ad';
import { simPaths } from '../state/paths';
import { argvOfAd } from '../submit/arguments';
import * as ctx from './context';
import { type Attempt, endAttempt } from './attempt-end';
import { monitorJob } from './monitor';
import { holdJob } from './transitions';
import { requested, residentKb } from './usage';

type ProcContext = ctx.ProcContext;
export type PhaseResult = 'done' | 'held' | 'idle';

/** One execution attempt: input transfer, start, watch, end. */
export async function runAttempt(pc: ProcContext): Promise<PhaseResult> {
  const ad = ctx.currentAd(pc);
  if (!ad) return 'done';
  const dirName = `dir_${process.pid}_${pc.d.nextScratchSeq()}`;
  const dir = join(simPaths(pc.d.home).execute, dirName);
  const box = transferInput(pc, ad, dir);
  if (!box) return 'held';
  const running = markRunning(pc, box);
  ctx.logEvent(pc, ev.executing(executeInfo(pc, box, running)));
  const attempt = start(pc, running, box);
  try {
    return await endAttempt(pc, attempt, await monitorJob(pc, attempt));
  } finally {
    pc.d.running.delete(attempt.job);
    if (process.env.HTCONDOR_SIM_KEEP_EXECUTE !== '1') {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function start(pc: ProcContext, ad: JobAd, box: sandbox.Sandbox): Attempt {
  const stdio = openJobStdio(ad, box);
  const env = buildJobEnv(ad, box, ctx.slotName(pc));
  const job = startJob(box, argvOfAd(ad), env, pc.d.isolation, stdio);
  pc.d.running.add(job);
  const rssKb = residentKb(job.pid);
  const memoryMb = Math.ceil(rssKb / 1024);
  ctx.logEvent(pc, ev.imageSize(Math.max(rssKb, 1), memoryMb, rssKb));

  return { job, box, stdio, startedAt: Date.now(), rssKb };
}

function slotAddress(pc: ProcContext, kind: 'slot' | 'startd'): string {
  const { cluster, proc } = pc.id;
  const sock = kind === 'slot'
    ? `slot1_${proc + 1}_${process.pid}_sim_${cluster}`
    : `startd_${process.pid}_sim`;

  return sinful(pc.d.meta.executeHost, sock);
}

function transferInput(
  pc: ProcContext,
  ad: JobAd,
  dir: string,
): sandbox.Sandbox | undefined {
  const slot = ctx.slotName(pc);
  const host = slotAddress(pc, 'slot');
  ctx.logEvent(pc, ev.fileTransfer('Started', 'input', host));
  try {
    const machineAd = machineAdText(pc.d.meta.executeHost, slot, ad);
    const box = sandbox.prepareSandbox(dir, ad, machineAd);
    ctx.logEvent(pc, ev.fileTransfer('Finished', 'input'));
    return box;
  } catch (err) {
    if (!(err instanceof sandbox.InputTransferError)) throw err;
    rmSync(dir, { recursive: true, force: true });
    const reason =
      `Transfer input files failure at execution point ${slot} while ` +
      `receiving files from access point ${pc.d.meta.apHost}. ` +
      `Details: ${err.message}`;
    holdJob(pc, reason, 13, 2);
    return undefined;
  }
}

function markRunning(pc: ProcContext, box: sandbox.Sandbox): JobAd {
  const now = nowSeconds();
  const count = (v: unknown) => Number(v ?? 0) + 1;
  const ad = ctx.setStatus(pc, JobStatus.Running, (a) => {
    Object.assign(a, {
      RemoteHost: ctx.slotName(pc),
      StartdIpAddr: slotAddress(pc, 'startd'),
      JobStartDate: a.JobStartDate ?? now,
      JobCurrentStartDate: now,
      JobCurrentStartExecutingDate: now,
      ShadowBday: now,
      NumJobStarts: count(a.NumJobStarts),
      NumShadowStarts: count(a.NumShadowStarts),
      JobRunCount: count(a.JobRunCount),
      CurrentHosts: 1,
      RemoteIwd: box.cwd,
    });
  });

  return ad ?? {};
}

function executeInfo(
  pc: ProcContext,
  box: sandbox.Sandbox,
  ad: JobAd,
): ev.ExecuteInfo {
  return {
    host: slotAddress(pc, 'startd'),
    slotName: ctx.slotName(pc),
    scratchDir: box.dir,
    cpus: requested(ad, 'RequestCpus', 1),
    disk: requested(ad, 'RequestDisk', 1),
    gpus: requested(ad, 'RequestGPUs', 0),
    memory: requested(ad, 'RequestMemory', 1),
  };
}
