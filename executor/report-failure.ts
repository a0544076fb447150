import { BuildFailure, DriverError, describeCause } from './errors';
import { readExitCodes, writeBuildExitCode } from './exit-codes';

const RED = '\x1b[31;1m';
const RESET = '\x1b[0;m';

/**
 * The one place that turns a failure into a message for people and one of
 * the exit codes gitlab-runner understands; nothing else ever leaves.
 */
export function reportFailure(error: unknown): number {
  const codes = readExitCodes(process.env);
  if (error instanceof BuildFailure) {
    if (error.exitCode !== undefined) writeBuildExitCode(process.env, error.exitCode);
    process.stderr.write(`${RED}ERROR: ${error.message}${RESET}\n`);
    return codes.buildFailure;
  }

  const message = error instanceof DriverError ? error.message : `internal error: ${describeCause(error)}`;
  process.stderr.write(`${RED}ERROR: ${message}${RESET}\n`);
  if (!(error instanceof DriverError) && process.env.HTCONDOR_EXECUTOR_DEBUG) {
    process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  }

  return codes.systemFailure;
}
