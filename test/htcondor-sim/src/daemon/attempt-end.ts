import * as ev from '../event-log/events';
import { transferOutputs } from '../execute/output-transfer';
import type { Sandbox } from '../execute/sandbox';
import type { ExitInfo, RunningJob } from '../execute/spawn-job';
import type { JobStdio } from '../execute/stdio';
import { type JobAd, numberAttr } from '../state/job-ad';
import type { PhaseResult } from './attempt';
import { type ProcContext, currentAd, logEvent, slotName } from './context';
import { outputTransferFails } from './fault-triggers';
import type { RunOutcome } from './monitor';
import * as to from './transitions';
import { runStats } from './usage';
import { sleep } from './watch';

export interface Attempt {
  job: RunningJob;
  box: Sandbox;
  stdio: JobStdio;
  startedAt: number;
  rssKb: number;
}

/** Holds the starter reports come with a 007 first, as in real logs. */
const STARTER_SIDE_CODES = new Set([6, 7, 8, 12, 13, 21, 34, 35, 45]);

/** The simulator's grace time between SIGTERM and SIGKILL. */
const DEFAULT_VACATE_SEC = 2;

export async function endAttempt(
  pc: ProcContext,
  a: Attempt,
  outcome: RunOutcome,
): Promise<PhaseResult> {
  const ad = currentAd(pc) ?? {};
  const quick = outcome.kind === 'exited' || outcome.kind === 'shutdown';
  const vacate = numberAttr(ad, 'JobMaxVacateTime') ?? DEFAULT_VACATE_SEC;
  await stopJob(a, quick ? 0 : vacate);
  switch (outcome.kind) {
    case 'exited':
      return finishExited(pc, a, outcome.exit);
    case 'removed':
      logEvent(pc, ev.evicted(statsOf(a, ad, 0)));
      to.removeJob(pc, outcome.reason);
      return 'done';
    case 'held':
      if (STARTER_SIDE_CODES.has(outcome.code)) {
        const message = `Error from ${slotName(pc)}: ${outcome.reason}`;
        logEvent(pc, ev.shadowException(message, statsOf(a, ad, 0)));
      }
      to.holdJob(pc, outcome.reason, outcome.code, outcome.subcode);
      return 'held';
    case 'evicted':
      to.evictJob(pc, statsOf(a, ad, 0), wallSec(a));
      return 'idle';
    case 'lost':
      to.loseJob(pc);
      return 'done';
    default:
      return 'done';
  }
}

function wallSec(a: Attempt): number {
  return Math.round((Date.now() - a.startedAt) / 1000);
}

function statsOf(a: Attempt, ad: JobAd, sent: number): ev.RunStats {
  return runStats(ad, a.box.dir, {
    sent,
    received: a.box.inputBytes,
    rssKb: a.rssKb,
    wallSec: wallSec(a),
  });
}

/** SIGTERM to the process group, SIGKILL after the vacate time. */
async function stopJob(a: Attempt, vacateSec: number): Promise<void> {
  if (!a.job.hasExited()) {
    a.job.signal('SIGTERM');
    const deadline = Date.now() + vacateSec * 1000;
    while (!a.job.hasExited() && Date.now() < deadline) await sleep(50);
  }
  a.job.signal('SIGKILL');
  await Promise.race([a.job.exit, sleep(5000)]);
  await a.stdio.finish();
}

async function finishExited(
  pc: ProcContext,
  a: Attempt,
  exit: ExitInfo,
): Promise<PhaseResult> {
  const ad = currentAd(pc) ?? {};
  if (exit.startError !== undefined) return holdForStart(pc, a, ad, exit);
  logEvent(pc, ev.fileTransfer('Started', 'output'));
  const stdoutBytes = a.stdio.copyBack();
  const result = outputTransferFails(pc, ad)
    ? { ok: false as const, missing: `${a.box.dir}/.simulated-failure` }
    : transferOutputs(ad, a.box);
  logEvent(pc, ev.fileTransfer('Finished', 'output'));
  const sent = stdoutBytes + (result.ok ? result.bytes : 0);
  if (!result.ok) return holdForOutput(pc, result.missing, statsOf(a, ad, 0));
  to.completeJob(pc, exit, statsOf(a, ad, sent), wallSec(a));

  return 'done';
}

/** Hold code 6: the starter could not execute the job. */
function holdForStart(
  pc: ProcContext,
  a: Attempt,
  ad: JobAd,
  exit: ExitInfo,
): PhaseResult {
  const reason =
    `Error from ${slotName(pc)}: Failed to execute ` +
    `'${a.box.executable}': ${exit.startError}`;
  logEvent(pc, ev.shadowException(reason, statsOf(a, ad, 0)));
  to.holdJob(pc, reason, 6, 2);

  return 'held';
}

/** Hold code 12 subcode 2, worded like the real CHTC log in the samples. */
function holdForOutput(
  pc: ProcContext,
  missing: string,
  stats: ev.RunStats,
): PhaseResult {
  const details =
    `reading from file ${missing}: (errno 2) No such file or directory`;
  const exception =
    `Error from ${slotName(pc)}: STARTER at 127.0.0.1 failed to send ` +
    `file(s) to <127.0.0.1:9618>: |Error: ${details}; ` +
    'SHADOW failed to receive file(s) from <127.0.0.1:9618>';
  logEvent(pc, ev.shadowException(exception, stats));
  const reason =
    `Transfer output files failure at execution point ${slotName(pc)} ` +
    `while sending files to access point ${pc.d.meta.apHost}. ` +
    `Details: ${details}`;
  to.holdJob(pc, reason, 12, 2);

  return 'held';
}
