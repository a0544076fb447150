import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SystemFailure } from '../../errors';
import { MODES, isHandedOver } from '../../job/hand-over';
import type { StageFiles } from '../../condor/submit/build';
import {
  JOB_WRAPPER_NAME,
  WORKSPACE_FILES,
  packWorkspace,
  renderJobWrapper,
} from '../../workspace';

export const SCRIPT_NAME = 'script';

/**
 * A fresh dir for one remote stage inside the job's state dir: private,
 * or the service group's when the job's dir was handed over to it.
 */
export function createStageDir(stateDir: string, stage: string): string {
  const shared = isHandedOver(stateDir);
  const root = join(stateDir, 'stages');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, shared ? MODES.shared.passDir : MODES.private.dir);
  const seq = String(readdirSync(root).length + 1).padStart(2, '0');
  const dir = join(root, `${seq}-${stage}`);
  mkdirSync(dir, { mode: 0o700 });
  chmodSync(dir, shared ? MODES.shared.stageDir : MODES.private.dir);

  return dir;
}

export interface PreparedStage {
  files: StageFiles;
  packed?: { files: number; bytes: number };
}

/**
 * Everything the HTCondor job takes with it: the wrapper, a copy of the
 * runner's script (it holds secrets: 0600, deleted by cleanup) and, in
 * transfer mode, the packed workspace.
 */
export async function prepareStageFiles(
  dir: string,
  script: string,
  projectDir: string,
  transfer: boolean,
): Promise<PreparedStage> {
  const modes = isHandedOver(dir) ? MODES.shared : MODES.private;
  const wrapper = join(dir, JOB_WRAPPER_NAME);
  try {
    writeNew(wrapper, renderJobWrapper(), modes.program);
    // Never copyFileSync: the copy would exist for a moment with the mode
    // of the runner's script, and it holds every CI variable.
    writeNew(join(dir, SCRIPT_NAME), readFileSync(script), modes.file);
  } catch (error) {
    throw new SystemFailure(`cannot stage the job script in ${dir}`, { cause: error });
  }

  const files: StageFiles = {
    dir,
    wrapper,
    script: join(dir, SCRIPT_NAME),
    eventLog: join(dir, 'job.log'),
    output: join(dir, 'job.out'),
    inputs: [SCRIPT_NAME],
    outputs: [WORKSPACE_FILES.output, WORKSPACE_FILES.deleted, WORKSPACE_FILES.result],
  };
  if (!transfer) return { files };

  const archivePath = join(dir, WORKSPACE_FILES.input);
  const packed = await packStage(projectDir, archivePath);
  chmodSync(archivePath, modes.file);
  files.inputs.push(WORKSPACE_FILES.input);

  return { files, packed };
}

async function packStage(projectDir: string, archivePath: string) {
  try {
    return await packWorkspace({ projectDir, archivePath });
  } catch (error) {
    throw new SystemFailure(`cannot pack the workspace ${projectDir}`, { cause: error });
  }
}

/** Created with its final mode, refusing to follow or reuse a file. */
function writeNew(path: string, data: string | Buffer, mode: number): void {
  writeFileSync(path, data, { mode, flag: 'wx' });
  chmodSync(path, mode);
}
