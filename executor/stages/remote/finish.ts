import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildFailure, SystemFailure, describeCause } from '../../errors';
import type { StageFiles } from '../../condor/submit/build';
import { parseSize } from '../../settings/units';
import type { Settings } from '../../settings/types';
import {
  type ApplyLimits,
  DEFAULT_APPLY_LIMITS,
  WORKSPACE_FILES,
  WorkspaceApplyError,
  applyWorkspaceChanges,
  parseJobResult,
} from '../../workspace';
import type { Termination } from './supervise';

/**
 * After the job completed: the script's exit status from the wrapper's result
 * file, the workspace changes applied (transfer mode), and the status
 * turned into success, a build failure or a system failure.
 */
export async function finishJob(
  files: StageFiles,
  end: Termination,
  projectDir: string,
  transfer: boolean,
  onApplied: (applied: { written: number; bytes: number; deleted: number }) => void = () => undefined,
  limits: ApplyLimits = DEFAULT_APPLY_LIMITS,
): Promise<{ exitCode: number; applied?: { written: number; bytes: number; deleted: number } }> {
  if (!end.exitedNormally) {
    throw new BuildFailure(`the job was killed by signal ${end.signal}`, 128 + end.signal);
  }

  const exitCode = readExitCode(files);
  const applied = transfer
    ? await applyChanges(files, projectDir, limits)
    : undefined;
  if (applied) onApplied(applied);
  if (exitCode !== 0) {
    throw new BuildFailure(`the script exited with code ${exitCode}`, exitCode);
  }

  return { exitCode, applied };
}

function readExitCode(files: StageFiles): number {
  const path = join(files.dir, WORKSPACE_FILES.result);
  if (!existsSync(path)) {
    throw new SystemFailure(`the job ended without returning ${WORKSPACE_FILES.result} (output transfer failed?)`);
  }

  let result: ReturnType<typeof parseJobResult>;
  try {
    result = parseJobResult(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SystemFailure(`the job's ${WORKSPACE_FILES.result} is unreadable: ${describeCause(error)}`);
  }
  if ('wrapperError' in result) {
    throw new SystemFailure(`the job wrapper failed on the execute node: ${result.wrapperError}`);
  }

  return result.exitCode;
}

/** The admin's bounds on what a job may send back (workspace.max_returned_*). */
export function returnLimits(settings: Pick<Settings, 'workspace'>): ApplyLimits {
  const w = settings.workspace;
  return {
    maxTotalBytes: parseSize(w.max_returned_size),
    maxFileBytes: parseSize(w.max_returned_file_size),
    maxEntries: w.max_returned_entries,
    maxPathLength: w.max_returned_path_length,
  };
}

async function applyChanges(files: StageFiles, projectDir: string, limits: ApplyLimits) {
  try {
    return await applyWorkspaceChanges({
      projectDir,
      archivePath: join(files.dir, WORKSPACE_FILES.output),
      deletedListPath: join(files.dir, WORKSPACE_FILES.deleted),
      limits,
    });
  } catch (error) {
    const partly = error instanceof WorkspaceApplyError && error.partiallyApplied;
    const state = partly ? 'the workspace may be partly updated' : 'the workspace is unchanged';
    throw new SystemFailure(
      `the job's results could not be applied to ${projectDir}; ${state}: ${describeCause(error)}`,
      { cause: error },
    );
  }
}
