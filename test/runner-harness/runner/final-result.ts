/**
 * The job as GitLab records it after the runner's final update, and the
 * closing line the runner writes into the trace.
 */
import { FailureReason, JobResult } from '../types';
import { formatGoDuration } from './go-duration';
import { JobState } from './job-state';
import { JobOutcome } from './outcome';

export function finishJob(state: JobState, outcome: JobOutcome): JobResult {
  const final = effectiveOutcome(state, outcome);
  writeClosingLine(state, final);

  const base = {
    trace: state.trace.text(),
    calls: [...state.calls],
    projectDir: state.projectDir,
  };
  const archive = state.artifactsArchive;
  const withArchive = archive ? { ...base, artifactsArchive: archive } : base;
  return recordOf(final, withArchive);
}

function recordOf(
  final: JobOutcome,
  base: Omit<JobResult, 'status'>,
): JobResult {
  switch (final.kind) {
    case 'success':
      return { status: 'success', ...base };
    case 'canceled':
      return { status: 'canceled', ...base };
    case 'timeout':
      return failed('job_execution_timeout', base);
    case 'build_failure':
      return { ...failed('script_failure', base), exitCode: final.exitCode };
    case 'system_failure':
      return failed('runner_system_failure', base);
  }
}

function failed(
  failureReason: FailureReason,
  base: Omit<JobResult, 'status'>,
): JobResult {
  return { status: 'failed', failureReason, ...base };
}

function effectiveOutcome(state: JobState, outcome: JobOutcome): JobOutcome {
  if (state.control.timedOut) {
    return { kind: 'timeout' };
  }
  return state.control.canceled ? { kind: 'canceled' } : outcome;
}

function writeClosingLine(state: JobState, final: JobOutcome): void {
  const trace = state.trace;
  switch (final.kind) {
    case 'success':
      return trace.success('Job succeeded');
    case 'canceled':
      return trace.error('ERROR: Job failed: canceled');
    case 'timeout': {
      const limit = formatGoDuration(state.job.timeoutS);
      const text = `execution took longer than ${limit} seconds`;
      return trace.error(`ERROR: Job failed: ${text}`);
    }
    case 'build_failure':
      return trace.error(`ERROR: Job failed: exit code ${final.exitCode}`);
    case 'system_failure':
      return trace.error(
        `ERROR: Job failed (system failure): ${final.message}`,
      );
  }
}
