/**
 * Runs one CI job against a custom-executor driver the way gitlab-runner
 * does: prepare (config_exec, prepare_exec), the run_exec stages, then
 * cleanup_exec, ending with the status GitLab would record.
 */
import { buildGitSource } from '../job/git-info';
import { buildJobResponse } from '../job/job-response';
import { resolveJob } from '../job/resolve-job';
import {
  RUNNER_REVISION,
  RUNNER_SHORT_TOKEN,
  RUNNER_VERSION,
} from '../job/runner-identity';
import { validateJobSpec } from '../job/validate-job';
import { JobHandle, JobResult, JobSpec, RunJobOptions } from '../types';
import { cleanupExecutor } from './cleanup-phase';
import { finishJob } from './final-result';
import { JobControl } from './job-control';
import { JobState } from './job-state';
import { JobOutcome } from './outcome';
import { prepareExecutor } from './prepare-phase';
import { runStages } from './stage-loop';

export function startJob(spec: JobSpec, options: RunJobOptions): JobHandle {
  const control = new JobControl();
  const result = executeJob(spec, options, control);
  if (options.cancelAfterMs !== undefined) {
    const timer = setTimeout(() => control.cancel(), options.cancelAfterMs);
    void result.finally(() => clearTimeout(timer)).catch(() => undefined);
  }
  return { result, cancel: () => control.cancel() };
}

export function runJob(
  spec: JobSpec,
  options: RunJobOptions,
): Promise<JobResult> {
  return startJob(spec, options).result;
}

async function executeJob(
  spec: JobSpec,
  options: RunJobOptions,
  control: JobControl,
): Promise<JobResult> {
  validateJobSpec(spec);
  const timeoutS = options.jobTimeoutS ?? spec.timeoutS;
  const job = await resolveJob({ ...spec, ...(timeoutS ? { timeoutS } : {}) });
  const state = new JobState(job, options, control);

  control.startTimeout(job.timeoutS);
  try {
    writeHeader(state);
    const outcome = await prepareAndRun(state);
    return finishJob(state, outcome);
  } finally {
    control.stop();
  }
}

async function prepareAndRun(state: JobState): Promise<JobOutcome> {
  const { job, payload, trace } = state;
  const git = buildGitSource(job, payload);
  const response = buildJobResponse(job, payload, git.refspecs, git.depth);

  trace.sectionStart('prepare_executor', 'Preparing the "custom" executor');
  const prepared = await prepareExecutor(state, response);
  trace.sectionEnd('prepare_executor');
  if (!prepared.ok) {
    return prepared.outcome;
  }

  try {
    return await runStages(state, prepared.sessionDir);
  } finally {
    await cleanupExecutor(state, prepared.sessionDir);
  }
}

function writeHeader(state: JobState): void {
  const { trace } = state;
  const version = `${RUNNER_VERSION} (${RUNNER_REVISION})`;
  trace.line(`Running with gitlab-runner ${version}`);
  trace.line(`  on runner-harness ${RUNNER_SHORT_TOKEN}, system ID: s_harness`);
}
