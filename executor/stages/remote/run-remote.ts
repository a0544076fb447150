import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildFailure, SystemFailure } from '../../errors';
import type { CondorEvent } from '../../condor/event-log';
import { buildSubmitDescription } from '../../condor/submit/build';
import { submitJob } from '../../condor/submit-job';
import { resolveImage } from '../../job/image';
import { resolveResources } from '../../job/resources';
import { ciLog, type CiLog } from '../../log/ci-log';
import { parseDuration } from '../../settings/units';
import type { StageCall } from '../stage-call';
import { forgetCluster, markSubmitting, recordCluster } from './clusters';
import { showSubmitDetails, showSummary, type Timeline } from './details';
import { finishJob } from './finish';
import { JobFollower, type FollowStop } from './follow-job';
import { describeHold, judgeHold } from './holds';
import { JobOutput } from './job-output';
import { removeJob } from './remove-job';
import { createStageDir, prepareStageFiles } from './stage-files';
import { describeEvent } from './status-lines';
import { watchForCancel, type CancelWatch } from './cancel';

/**
 * A remote stage, start to end: stage the files, submit, follow the event
 * log while streaming output, then bring the results back and map the exit.
 */
export async function runRemoteStage(call: StageCall, script: string): Promise<void> {
  const output = new JobOutput();
  const ci = ciLog((text) => output.status(text));
  const cancel = watchForCancel();
  try {
    const submitted = await stageAndSubmit(call, script, ci, cancel);
    await followToEnd(call, submitted, ci, output, cancel);
  } finally {
    output.end();
    cancel.disarm();
  }
}

interface Submitted {
  cluster: number;
  jobId: string;
  files: import('../../condor/submit/build').StageFiles;
}

async function stageAndSubmit(call: StageCall, script: string, ci: CiLog, cancel: CancelWatch) {
  const { settings, job, stage, log } = call;
  const resources = resolveResources(settings, job);
  const image = resolveImage(settings, job);
  const transfer = settings.workspace.mode === 'transfer';

  const dir = createStageDir(call.stateDir, stage);
  const { files, packed } = await prepareStageFiles(dir, script, job.projectDir, transfer);
  const description = buildSubmitDescription({
    stage, settings, job, resources, image, files,
    wrapperArgs: [settings.workspace.mode, job.projectDir, 'script'],
  });
  const submitFile = join(dir, 'job.sub');
  writeFileSync(submitFile, description.render(), { mode: 0o600 });
  log.info('stage files ready', { dir, packed });
  if (cancel.fired()) throw new BuildFailure('the CI job was cancelled before its HTCondor job was submitted');

  markSubmitting(call.stateDir, true);
  const cluster = await submitJob({
    tools: call.tools,
    submitFile,
    attempts: settings.htcondor.submit_attempts,
    retryDelayS: parseDuration(settings.htcondor.submit_retry_delay),
    onRetry: (attempt, reason, waitS) => {
      ci.line(`condor_submit attempt ${attempt} failed (${reason}); retrying in ${waitS}s`, 'warn');
      log.warn('submit attempt failed', { attempt, reason, waitS });
    },
  });
  recordCluster(call.stateDir, cluster);
  markSubmitting(call.stateDir, false);
  const jobId = `${cluster}.0`;
  log.info('submitted', { cluster, schedd: call.tools.describe() });
  showSubmitDetails(ci, { jobId, schedd: call.tools.describe(), description, resources, image });

  return { cluster, jobId, files };
}

async function followToEnd(
  call: StageCall,
  s: Submitted,
  ci: CiLog,
  output: JobOutput,
  cancel: CancelWatch,
): Promise<void> {
  const timeline: Timeline = { submittedAt: Date.now() };
  const follower = new JobFollower({
    files: s.files,
    cluster: s.cluster,
    onEvent: (e) => noteEvent(call, ci, s.jobId, timeline, e),
    onOutput: (chunk) => output.write(chunk),
    onRestart: () => ci.line(`HTCondor job ${s.jobId} restarted: its output starts again below`, 'warn'),
  });
  const removalWaitMs = parseDuration(call.settings.htcondor.removal_wait) * 1000;
  cancel.arm(async () => {
    ci.line(`Cancelled: removing HTCondor job ${s.jobId}`, 'warn');
    await removeJob(call, s.cluster, 'the CI job was cancelled or timed out');
    setTimeout(() => follower.abort(new SystemFailure('no removal event arrived in time')), removalWaitMs).unref();
  });

  try {
    const stop = await follower.follow();
    const result = await decide(call, stop, follower, s.cluster, cancel.fired());
    forgetCluster(call.stateDir, s.cluster);
    output.end();
    showSummary(ci, s.jobId, timeline, result.exitCode, result.applied);
  } catch (error) {
    if (!(error instanceof SystemFailure)) forgetCluster(call.stateDir, s.cluster);
    throw error;
  } finally {
    follower.close();
  }
}

function noteEvent(call: StageCall, ci: CiLog, jobId: string, t: Timeline, e: CondorEvent) {
  call.log.info('event', { jobId, code: e.code, kind: e.kind, host: e.host, holdCode: e.holdCode });
  if (e.code === 0) t.submittedAt = e.time.epochMs;
  if (e.code === 1) {
    t.startedAt = e.time.epochMs;
    t.host = e.slot ?? e.host;
  }
  if (e.code === 5) t.endedAt = e.time.epochMs;
  const line = describeEvent(e, jobId, t.submittedAt);
  if (line) ci.line(line, e.code === 12 || e.code === 9 || e.code === 4 ? 'warn' : 'info');
}

async function decide(call: StageCall, stop: FollowStop, follower: JobFollower, cluster: number, cancelled: boolean) {
  const transfer = call.settings.workspace.mode === 'transfer';
  if (stop.kind === 'terminated') {
    return finishJob(follower.files, stop.event, call.job.projectDir, transfer);
  }
  if (stop.kind === 'removed') {
    if (cancelled) throw new BuildFailure('the HTCondor job was removed because the CI job was cancelled');
    throw new SystemFailure(`the HTCondor job was removed outside the driver: ${stop.event.reason ?? 'no reason given'}`);
  }

  return handleHold(call, stop.event, follower, cluster);
}

async function handleHold(call: StageCall, event: CondorEvent, follower: JobFollower, cluster: number): Promise<never> {
  const verdict = judgeHold(event);
  await removeJob(call, cluster, `held: ${describeHold(event)}`);
  const removed = await follower.waitForRemoval(parseDuration(call.settings.htcondor.removal_wait) * 1000);
  if (!removed) call.log.error('no removal event after condor_rm', { cluster });
  if (verdict.kind === 'too-little') {
    throw new BuildFailure(
      `the job hit its ${verdict.limit} limit: ${describeHold(event)}; raise ${verdict.variable} and run it again`,
      verdict.exitCode,
    );
  }

  throw new SystemFailure(`the HTCondor job was held: ${describeHold(event)}`);
}
