import { BuildFailure, SystemFailure } from '../../errors';
import { askSchedd, type JobAdVerdict } from '../../condor/reconcile';
import type { Resources } from '../../job/resources';
import type { CiLog } from '../../log/ci-log';
import { formatDuration, parseDuration } from '../../settings/units';
import type { StageCall } from '../stage-call';
import type { FollowStop, JobFollower } from './follow-job';
import { decideHold } from './hold-policy';
import type { HoldInfo } from './holds';
import { removeAndWait } from './remove-job';

/** How the job ended when it ran to completion. */
export interface Termination {
  exitedNormally: boolean;
  exitCode: number;
  signal: number;
}

export interface Supervision {
  call: StageCall;
  cluster: number;
  jobId: string;
  follower: JobFollower;
  ci: CiLog;
  resources: Resources;
  cancelled: () => boolean;
}

/**
 * Follows the job to its end, deciding on holds and asking the schedd only
 * when the event log has gone quiet for too long. Returns when the job
 * completed; throws the right failure otherwise.
 */
export async function superviseJob(s: Supervision): Promise<Termination> {
  const h = s.call.settings.htcondor;
  const quietMs = parseDuration(h.reconcile_after) * 1000;
  const intervalMs = parseDuration(h.reconcile_interval) * 1000;
  const holds = { releases: 0, deadline: undefined as number | undefined };
  let silenceMs = quietMs;

  for (;;) {
    const stop = await s.follower.follow({
      silenceMs,
      deadline: holds.deadline,
      stopAtRelease: holds.deadline !== undefined,
    });
    const ended = await onStop(s, stop, holds);
    if (ended) return ended;
    if (stop.kind === 'silent') silenceMs = Math.max(quietMs, intervalMs);
  }
}

type HoldState = { releases: number; deadline: number | undefined };

async function onStop(s: Supervision, stop: FollowStop, holds: HoldState): Promise<Termination | undefined> {
  switch (stop.kind) {
    case 'terminated':
      return {
        exitedNormally: stop.event.terminatedNormally !== false,
        exitCode: stop.event.returnValue ?? 0,
        signal: stop.event.signal ?? 0,
      };
    case 'removed':
      return removedOutside(s, stop.event.reason);
    case 'held':
      await decideHold(s, stop.event, holds);
      return undefined;
    case 'released':
      holds.deadline = undefined;
      return undefined;
    case 'deadline':
      return giveUpHeld(s);
    case 'silent':
      return reconcile(s, stop.silentMs, holds);
  }
}

function removedOutside(s: Supervision, reason: string | undefined): never {
  if (s.cancelled()) {
    throw new BuildFailure('the HTCondor job was removed because the CI job was cancelled');
  }

  throw new SystemFailure(`the HTCondor job was removed outside the driver: ${reason ?? 'no reason given'}`);
}

async function giveUpHeld(s: Supervision): Promise<never> {
  const wait = s.call.settings.htcondor.unknown_hold_wait;
  await removeAndWait(s, 'held too long');

  throw new SystemFailure(`the HTCondor job stayed held longer than htcondor.unknown_hold_wait (${wait})`);
}

async function reconcile(s: Supervision, silentMs: number, holds: HoldState): Promise<Termination | undefined> {
  const quiet = formatDuration(silentMs / 1000);
  s.call.log.warn('event log silent; asking the schedd', { cluster: s.cluster, silentMs });
  const verdict = await askSchedd(s.call.tools, s.cluster);
  s.call.log.info('schedd verdict', { cluster: s.cluster, verdict });
  s.follower.touch();

  return applyVerdict(s, verdict, quiet, holds);
}

async function applyVerdict(
  s: Supervision,
  v: JobAdVerdict,
  quiet: string,
  holds: HoldState,
): Promise<Termination | undefined> {
  const say = (text: string) => s.ci.line(`HTCondor job ${s.jobId}: ${text}`, 'warn');
  switch (v.kind) {
    case 'active':
    case 'unknown':
      if (v.kind === 'unknown') say(`no news for ${quiet} and the schedd could not be asked (${v.why}); still waiting`);
      return undefined;
    case 'held':
      say(`no news for ${quiet}; the schedd says the job is held`);
      await decideHold(s, asHold(v), holds);
      return undefined;
    case 'completed':
      say(`no news for ${quiet}; the schedd says the job completed`);
      return { exitedNormally: v.exitedNormally, exitCode: v.exitCode, signal: v.signal };
    case 'removed':
      return removedOutside(s, v.reason);
    case 'vanished':
      throw new SystemFailure(
        `HTCondor job ${s.jobId} vanished: no event for ${quiet}, and neither the queue nor the history knows it`,
      );
  }
}

function asHold(v: { code: number; subcode: number; reason: string }): HoldInfo {
  return { holdCode: v.code, holdSubcode: v.subcode, holdReason: v.reason };
}
