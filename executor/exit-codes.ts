import { writeFileSync } from 'node:fs';

/**
 * BUILD_FAILURE_EXIT_CODE / SYSTEM_FAILURE_EXIT_CODE: the codes gitlab-runner
 * sets for every driver call. Only these and 0 may leave the driver.
 */
export interface ExitCodes {
  buildFailure: number;
  systemFailure: number;
}

export function readExitCodes(env: NodeJS.ProcessEnv): ExitCodes {
  return {
    buildFailure: parseCode(env.BUILD_FAILURE_EXIT_CODE, 1),
    systemFailure: parseCode(env.SYSTEM_FAILURE_EXIT_CODE, 2),
  };
}

function parseCode(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d{1,3}$/.test(value)) return fallback;

  return Number(value);
}

/**
 * BUILD_EXIT_CODE_FILE: the runner (17.9+) reads the script's real exit code
 * from its first line when the driver exits with BUILD_FAILURE_EXIT_CODE.
 */
export function writeBuildExitCode(env: NodeJS.ProcessEnv, code: number): void {
  const file = env.BUILD_EXIT_CODE_FILE;
  if (!file) return;

  writeFileSync(file, `${code}\n`, { mode: 0o600 });
}
