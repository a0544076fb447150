import { basename } from 'node:path';
import { SystemFailure } from '../errors';

/** The CI job as gitlab-runner describes it to every driver call. */
export interface JobContext {
  /** CI_JOB_ID */
  jobId: string;
  pipelineId: string;
  projectPath: string;
  jobName: string;
  /** CI_PROJECT_DIR: absolute, under builds_dir. */
  projectDir: string;
  runnerToken: string;
  /** CI_JOB_TIMEOUT in seconds, if the runner told us. */
  timeoutS: number | undefined;
  /** CI_JOB_IMAGE: the job's `image:`, if any. */
  image: string | undefined;
  debug: boolean;
  /** The runner's per-job temp dir (TMPDIR, also our cwd). */
  runnerTmp: string;
  /** Every CUSTOM_ENV_ variable without its prefix. */
  variables: Map<string, string>;
}

const PREFIX = 'CUSTOM_ENV_';

export function readJobContext(env: NodeJS.ProcessEnv): JobContext {
  const variables = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(PREFIX) && value !== undefined) {
      variables.set(key.slice(PREFIX.length), value);
    }
  }

  const get = (key: string) => variables.get(key);
  const jobId = get('CI_JOB_ID');
  if (!jobId || !/^\d+$/.test(jobId)) {
    throw new SystemFailure(
      'CUSTOM_ENV_CI_JOB_ID is missing or not a number: ' +
        'the driver must be called by gitlab-runner as a custom executor',
    );
  }

  return {
    jobId,
    pipelineId: digitsOr(get('CI_PIPELINE_ID'), '0'),
    projectPath: get('CI_PROJECT_PATH') ?? '',
    jobName: get('CI_JOB_NAME') ?? '',
    projectDir: get('CI_PROJECT_DIR') ?? '',
    runnerToken: get('CI_RUNNER_SHORT_TOKEN') ?? '',
    timeoutS: positiveInt(get('CI_JOB_TIMEOUT')),
    image: get('CI_JOB_IMAGE') || undefined,
    debug: isTrue(get('CI_DEBUG_TRACE')) || isTrue(get('HTCONDOR_EXECUTOR_DEBUG')),
    runnerTmp: env.TMPDIR ?? process.cwd(),
    variables,
  };
}

/**
 * A name for this attempt of this CI job: the job id plus the runner's temp
 * dir, which is new for every prepare attempt and shared by its later calls.
 */
export function jobKey(job: JobContext): string {
  const attempt = basename(job.runnerTmp).replace(/[^A-Za-z0-9_-]/g, '');

  return `job-${job.jobId}-${attempt || 'none'}`;
}

function digitsOr(value: string | undefined, fallback: string): string {
  return value && /^\d+$/.test(value) ? value : fallback;
}

function positiveInt(value: string | undefined): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;

  return Number(value) > 0 ? Number(value) : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}
