/** A finished job as the pipeline view shows it, allow_failure applied. */
import { JobResult } from '../types';
import { PipelineJobRecord } from './pipeline-types';
import { PlannedJob } from './plan';

export function toJobRecord(
  job: PlannedJob,
  result: JobResult,
): PipelineJobRecord {
  return {
    name: job.name,
    stage: job.def.stage,
    id: job.id,
    status: result.status,
    allowedToFail: isAllowedToFail(job, result),
    ...(result.failureReason ? { failureReason: result.failureReason } : {}),
    ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
    result,
  };
}

/** exit_codes only ever match a script failure's exit code. */
function isAllowedToFail(job: PlannedJob, result: JobResult): boolean {
  if (result.status !== 'failed') {
    return false;
  }
  const rule = job.def.allowFailure;
  if (typeof rule === 'boolean') {
    return rule;
  }
  return (
    result.failureReason === 'script_failure' &&
    result.exitCode !== undefined &&
    rule.exitCodes.includes(result.exitCode)
  );
}
