import { JOB_WRAPPER_SCRIPT } from './job-wrapper-script';

export { parseJobResult } from './job-result';
export type { JobResult } from './job-result';

/** The file name the wrapper is shipped under with every remote stage. */
export const JOB_WRAPPER_NAME = 'job-wrapper.sh';

/** Files the wrapper reads and writes in the HTCondor scratch dir. */
export const WORKSPACE_FILES = {
  input: 'workspace-in.tar',
  output: 'workspace-out.tar',
  deleted: 'workspace-deleted.bin',
  result: 'job-result.txt',
} as const;

/**
 * The bash script that runs one stage inside the job, invoked as
 * `job-wrapper.sh <transfer|shared> <projectDir> <scriptFile>` with the
 * scratch dir as cwd. It exits with the script's status and always leaves
 * every file of WORKSPACE_FILES except the input behind.
 */
export function renderJobWrapper(): string {
  return JOB_WRAPPER_SCRIPT;
}
