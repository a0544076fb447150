import * as ev from '../event-log/events';
import { type TransferResult, transferOutputs } from '../execute/output-transfer';
import type { Sandbox } from '../execute/sandbox';
import type { RunningJob } from '../execute/spawn-job';
import type { JobStdio } from '../execute/stdio';
import { numberAttr } from '../state/job-ad';
import type { PhaseResult } from './attempt';
import { type ProcContext, currentAd, logEvent, slotName } from './context';
import { outputTransferFails } from './fault-triggers';
import type { RunOutcome } from './monitor';
import { completeJob, evictJob, holdJob, loseJob, removeJob } from './transitions';
import { runStats } from './usage';
import { sleep } from './watch';

export interface Attempt {
  job: RunningJob;
  box: Sandbox;
  stdio: JobStdio;
  startedAt: number;
  rssKb: number;
}

/** Holds the starter itself reports come with a 007 first, as in real logs. */
const STARTER_SIDE_CODES = new Set([6, 7, 8, 12, 13, 21, 34, 35, 45]);

/** The default grace time between SIGTERM and SIGKILL in the simulator. */
const DEFAULT_VACATE_SEC = 2;

export async function endAttempt(pc: ProcContext, a: Attempt, outcome: RunOutcome): Promise<PhaseResult> {
  const ad = currentAd(pc) ?? {};
  const quick = outcome.kind === 'exited' || outcome.kind === 'shutdown';
  const vacateSec = quick ? 0 : (numberAttr(ad, 'JobMaxVacateTime') ?? DEFAULT_VACATE_SEC);
  await stopJob(a, vacateSec);
  const stats = (sent: number) => runStats(ad, a.box.dir, { sent, received: a.box.inputBytes, rssKb: a.rssKb, wallSec: wallSec(a) });
  switch (outcome.kind) {
    case 'exited':
      return finishExited(pc, a, outcome.exit);
    case 'removed':
      logEvent(pc, ev.evicted(stats(0)));
      removeJob(pc, outcome.reason);
      return 'done';
    case 'held':
      if (STARTER_SIDE_CODES.has(outcome.code)) logEvent(pc, ev.shadowException(`Error from ${slotName(pc)}: ${outcome.reason}`, stats(0)));
      holdJob(pc, outcome.reason, outcome.code, outcome.subcode);
      return 'held';
    case 'evicted':
      evictJob(pc, stats(0), wallSec(a));
      return 'idle';
    case 'lost':
      loseJob(pc);
      return 'done';
    default:
      return 'done';
  }
}

function wallSec(a: Attempt): number {
  return Math.round((Date.now() - a.startedAt) / 1000);
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

async function finishExited(pc: ProcContext, a: Attempt, exit: Awaited<RunningJob['exit']>): Promise<PhaseResult> {
  const ad = currentAd(pc) ?? {};
  if (exit.startError !== undefined) {
    const reason = `Error from ${slotName(pc)}: Failed to execute '${a.box.executable}': ${exit.startError}`;
    logEvent(pc, ev.shadowException(reason, runStats(ad, a.box.dir, { sent: 0, received: a.box.inputBytes, rssKb: 0, wallSec: 0 })));
    holdJob(pc, reason, 6, 2);
    return 'held';
  }
  logEvent(pc, ev.fileTransfer('Started', 'output'));
  const stdoutBytes = a.stdio.copyBack();
  const result = outputTransferFails(pc, ad) ? forcedFailure(a.box) : transferOutputs(ad, a.box);
  logEvent(pc, ev.fileTransfer('Finished', 'output'));
  const stats = runStats(ad, a.box.dir, {
    sent: stdoutBytes + (result.ok ? result.bytes : 0),
    received: a.box.inputBytes,
    rssKb: a.rssKb,
    wallSec: wallSec(a),
  });
  if (!result.ok) return holdForOutput(pc, result.missing, stats);
  completeJob(pc, exit, stats, wallSec(a));

  return 'done';
}

function forcedFailure(box: Sandbox): TransferResult {
  return { ok: false, missing: `${box.dir}/.simulated-transfer-failure` };
}

/** Hold code 12 subcode 2, worded like the real CHTC log in the samples. */
function holdForOutput(pc: ProcContext, missing: string, stats: ev.RunStats): PhaseResult {
  const details = `reading from file ${missing}: (errno 2) No such file or directory`;
  const apAddress = `<127.0.0.1:9618>`;
  logEvent(pc, ev.shadowException(
    `Error from ${slotName(pc)}: STARTER at 127.0.0.1 failed to send file(s) to ${apAddress}: |Error: ${details}; SHADOW failed to receive file(s) from <127.0.0.1:9618>`,
    stats,
  ));
  const reason = `Transfer output files failure at execution point ${slotName(pc)} while sending files to access point ${pc.d.meta.apHost}. Details: ${details}`;
  holdJob(pc, reason, 12, 2);

  return 'held';
}
