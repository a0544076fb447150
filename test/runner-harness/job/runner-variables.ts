/**
 * The runner's merged variable list (GetAllVariables): resolved feature
 * flags, the runner's own CI_* values around the payload's variables, then
 * `$`-expansion. It feeds both CUSTOM_ENV_* and the scripts' exports.
 */
import { JobVariable } from '../types';
import { expandVariables } from './expand';
import {
  FEATURE_FLAGS,
  RUNNER_REVISION,
  RUNNER_SHORT_TOKEN,
  RUNNER_VERSION,
  runnerArch,
} from './runner-identity';

export type JobStatusValue = 'running' | 'success' | 'failed' | 'canceled';

export interface RunnerValues {
  image?: string;
  buildsDir: string;
  projectDir: string;
  concurrentId: number;
  concurrentProjectId: number;
  jobStatus: JobStatusValue;
  timeoutS: number;
}

export function buildAllVariables(
  payload: JobVariable[],
  runner: RunnerValues,
): JobVariable[] {
  const head = Object.entries(FEATURE_FLAGS).map(([key, on]) =>
    plain(key, String(on)),
  );
  if (runner.image) {
    head.push(plain('CI_JOB_IMAGE', runner.image));
  }
  head.push(plain('CI_RUNNER_SHORT_TOKEN', RUNNER_SHORT_TOKEN));
  head.push(...runnerDefaults(runner));

  const tail = [
    plain('CI_SHARED_ENVIRONMENT', 'true'),
    plain('CI_RUNNER_VERSION', RUNNER_VERSION),
    plain('CI_RUNNER_REVISION', RUNNER_REVISION),
    plain('CI_RUNNER_EXECUTABLE_ARCH', runnerArch()),
    plain('RUNNER_TEMP_PROJECT_DIR', projectTmpDir(runner.projectDir)),
  ];
  return expandVariables([...head, ...payload, ...tail]);
}

function runnerDefaults(runner: RunnerValues): JobVariable[] {
  return [
    plain('CI_BUILDS_DIR', runner.buildsDir),
    plain('CI_PROJECT_DIR', runner.projectDir),
    plain('CI_CONCURRENT_ID', String(runner.concurrentId)),
    plain('CI_CONCURRENT_PROJECT_ID', String(runner.concurrentProjectId)),
    plain('CI_SERVER', 'yes'),
    plain('CI_JOB_STATUS', runner.jobStatus),
    plain('CI_JOB_TIMEOUT', String(runner.timeoutS)),
  ];
}

/** `<project>.tmp`, where the runner keeps per-job state between stages. */
export function projectTmpDir(projectDir: string): string {
  return projectDir === '' ? '' : `${projectDir}.tmp`;
}

function plain(key: string, value: string): JobVariable {
  return { key, value, public: true, masked: false };
}
