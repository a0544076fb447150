import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BuildFailure, SystemFailure } from '../../errors';
import { nextState, type CondorEvent, type JobState } from '../../condor/event-log';
import { buildSubmitDescription, type StageFiles } from '../../condor/submit/build';
import { submitJob } from '../../condor/submit-job';
import { ensureProxy } from '../../credentials/renew';
import { resolveImage } from '../../job/image';
import { resolveResources, type Resources } from '../../job/resources';
import { ciLog, type CiLog } from '../../log/ci-log';
import { StdoutSink } from '../../log/stdout-sink';
import { parseDuration } from '../../settings/units';
import type { StageCall } from '../stage-call';
import { watchForCancel, type CancelWatch } from './cancel';
import { forgetCluster, markSubmitting, recordCluster } from './clusters';
import { showSubmitDetails, showSummary } from './details';
import { finishJob, returnLimits } from './finish';
import { JobFollower } from './follow-job';
import { JobOutput } from './job-output';
import { startQueueHeartbeat } from './heartbeat';
import { removeJob } from './remove-job';
import { createStageDir, prepareStageFiles } from './stage-files';
import { newStageRecord, noteInRecord, saveStageRecord, type StageRecord } from './stage-record';
import { describeEvent } from './status-lines';
import { superviseJob } from './supervise';

interface Submitted {
  cluster: number;
  jobId: string;
  files: StageFiles;
  resources: Resources;
}

/**
 * A remote stage, start to end: stage the files, submit, follow the event
 * log while streaming output, then bring the results back and map the exit.
 */
export async function runRemoteStage(call: StageCall, script: string): Promise<void> {
  const sink = StdoutSink.forProcess();
  const output = new JobOutput(sink);
  const ci = ciLog((text) => output.status(text));
  const cancel = watchForCancel();
  const record = newStageRecord(call.stage);
  try {
    const submitted = await stageAndSubmit(call, script, ci, cancel, record);
    await followToEnd(call, submitted, { ci, output, cancel, record });
    record.outcome = 'success';
  } catch (error) {
    record.outcome = outcomeOf(error, cancel.fired());
    throw error;
  } finally {
    output.end();
    cancel.disarm();
    saveStageRecord(call.stateDir, record);
    if (sink.failure) {
      call.log.warn('job output stopped reaching the runner', { code: sink.failure });
    }
  }
}

function outcomeOf(error: unknown, cancelled: boolean): StageRecord['outcome'] {
  if (cancelled) return 'cancelled';

  return error instanceof BuildFailure ? 'build_failure' : 'system_failure';
}

async function stageAndSubmit(
  call: StageCall,
  script: string,
  ci: CiLog,
  cancel: CancelWatch,
  record: StageRecord,
): Promise<Submitted> {
  const { settings, job, stage, log } = call;
  const resources = resolveResources(settings, job);
  const image = resolveImage(settings, job);
  const transfer = settings.workspace.mode === 'transfer';

  const dir = createStageDir(call.stateDir, stage);
  const { files, packed } = await prepareStageFiles(dir, script, job.projectDir, transfer);
  record.bytesSent = packed?.bytes ?? 0;
  const description = buildSubmitDescription({
    stage, settings, job, resources, image, files,
    wrapperArgs: [settings.workspace.mode, job.projectDir, 'script'],
    driverHost: hostname(),
    driverPid: process.pid,
  });
  const submitFile = join(dir, 'job.sub');
  writeFileSync(submitFile, description.render(), { mode: 0o600 });
  log.info('stage files ready', { dir, packed });
  if (cancel.fired()) throw new BuildFailure('the CI job was cancelled before its HTCondor job was submitted');
  // The proxy may have been replaced or may have aged since prepare.
  await ensureProxy(settings, resources.runtimeS);

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
  record.cluster = cluster;
  record.submittedAt = Date.now();
  const jobId = `${cluster}.0`;
  log.info('submitted', { cluster, schedd: call.tools.describe() });
  showSubmitDetails(ci, { jobId, schedd: call.tools.describe(), description, resources, image });

  return { cluster, jobId, files, resources };
}

interface Reporting {
  ci: CiLog;
  output: JobOutput;
  cancel: CancelWatch;
  record: StageRecord;
}

async function followToEnd(call: StageCall, s: Submitted, r: Reporting): Promise<void> {
  const { ci, output, record } = r;
  let state: JobState = 'idle';
  const follower = new JobFollower({
    files: s.files,
    cluster: s.cluster,
    onEvent: (e) => {
      state = nextState(state, e);
      noteEvent(call, ci, s.jobId, record, e);
    },
    onOutput: (chunk) => output.write(chunk),
    onRestart: () => ci.line(`HTCondor job ${s.jobId} restarted: its output starts again below`, 'warn'),
  });
  r.cancel.arm(() => cancelJob(call, s, ci, follower));
  const stopHeartbeat = startQueueHeartbeat(
    ci,
    s.jobId,
    record,
    () => state,
    parseDuration(call.settings.logging.queue_report_interval) * 1000,
  );

  try {
    const end = await superviseJob({ ...s, call, follower, ci, cancelled: r.cancel.fired });
    stopHeartbeat();
    forgetCluster(call.stateDir, s.cluster);
    record.exitCode = end.exitedNormally ? end.exitCode : 128 + end.signal;
    const transfer = call.settings.workspace.mode === 'transfer';
    await finishJob(s.files, end, call.job.projectDir, transfer, (applied) => {
      record.bytesReturned = applied.bytes;
    }, returnLimits(call.settings));
    output.end();
    showSummary(ci, s.jobId, record);
  } catch (error) {
    if (!(error instanceof SystemFailure)) forgetCluster(call.stateDir, s.cluster);
    throw error;
  } finally {
    stopHeartbeat();
    follower.close();
  }
}

async function cancelJob(call: StageCall, s: Submitted, ci: CiLog, follower: JobFollower) {
  ci.line(`Cancelled: removing HTCondor job ${s.jobId}`, 'warn');
  await removeJob(call, s.cluster, 'the CI job was cancelled or timed out');
  const waitMs = parseDuration(call.settings.htcondor.removal_wait) * 1000;
  // Only HTCondor's confirmation counts: a 009 already read ends the wait,
  // even while output from before it is still on its way to a slow runner.
  setTimeout(() => {
    if (!follower.endSeen) follower.abort(new SystemFailure('HTCondor did not confirm the removal in time'));
  }, waitMs).unref();
}

function noteEvent(call: StageCall, ci: CiLog, jobId: string, record: StageRecord, e: CondorEvent) {
  call.log.info('event', { jobId, code: e.code, kind: e.kind, host: e.host, holdCode: e.holdCode });
  noteInRecord(record, e);
  const line = describeEvent(e, jobId, record.submittedAt ?? e.time.epochMs);
  if (line) ci.line(line, [4, 7, 9, 12, 24].includes(e.code) ? 'warn' : 'info');
}
