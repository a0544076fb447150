/**
 * The environment of every driver call, assembled in the runner's order
 * (later entries win): the runner's own environment, the fixed protocol
 * variables, config_exec's job_env, then CUSTOM_ENV_<KEY> per job variable.
 */
import { JobVariable } from '../types';

export interface CallEnvInput {
  base: Record<string, string | undefined>;
  tmpDir: string;
  jobEnv: Record<string, string>;
  variables: JobVariable[];
}

export function buildCallEnv(input: CallEnvInput): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(input.base)) {
    if (value !== undefined) {
      env[key] = value;
    }
  }

  Object.assign(env, {
    TMPDIR: input.tmpDir,
    BUILD_FAILURE_EXIT_CODE: '1',
    SYSTEM_FAILURE_EXIT_CODE: '2',
    BUILD_EXIT_CODE_FILE: buildExitCodeFile(input.tmpDir),
    JOB_RESPONSE_FILE: jobResponseFile(input.tmpDir),
  });
  Object.assign(env, input.jobEnv);

  for (const variable of input.variables) {
    env[`CUSTOM_ENV_${variable.key}`] = variable.value;
  }
  env.CUSTOM_ENV_CI_JOB_SERVICES = '';
  return env;
}

export function buildExitCodeFile(tmpDir: string): string {
  return `${tmpDir}/build_exit_code`;
}

export function jobResponseFile(tmpDir: string): string {
  return `${tmpDir}/response.json`;
}

/** The runner's environment with the caller's overrides applied. */
export function mergeBaseEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return { ...process.env, ...overrides };
}
