/**
 * One run_exec stage: the section header the runner writes, the script
 * file, the call `<run_args…> <script> <stage>` and its mapped result.
 */
import { StageResult } from '../process/exit-mapping';
import { buildStageScript } from '../shell/stage-bodies';
import { callDriver } from './driver-call';
import { JobState } from './job-state';
import { buildScriptContext } from './script-context-builder';
import { writeStageScript } from './session-dir';

const DESCRIPTIONS: Record<string, string> = {
  prepare_script: 'Preparing environment',
  get_sources: 'Getting source from Git repository',
  clear_worktree: 'Clearing worktree',
  restore_cache: 'Restoring cache',
  download_artifacts: 'Downloading artifacts',
  after_script: 'Running after_script',
  archive_cache: 'Saving cache for successful job',
  archive_cache_on_failure: 'Saving cache for failed job',
  upload_artifacts_on_success: 'Uploading artifacts for successful job',
  upload_artifacts_on_failure: 'Uploading artifacts for failed job',
  cleanup_file_variables:
    'Cleaning up project directory and file based variables',
};

const RENAME_WARNING =
  "WARNING: Starting with version 17.0 the 'build_script' stage will be " +
  "replaced with 'step_script': " +
  'https://gitlab.com/groups/gitlab-org/-/epics/6112';

export async function runStage(
  state: JobState,
  sessionDir: string,
  stage: string,
  userLines: string[] = [],
  scope: 'job' | 'user' = 'job',
): Promise<StageResult> {
  const section = stage === 'build_script' ? 'step_script' : stage;
  state.trace.sectionStart(section, describeStage(section));
  if (stage === 'build_script') {
    state.trace.warning(RENAME_WARNING);
  }

  const text = buildStageScript(stage, buildScriptContext(state), userLines);
  const script = await writeStageScript(sessionDir, text);
  const { runExec, runArgs } = state.options.driver;
  const { result } = await callDriver(state, sessionDir, {
    kind: 'run',
    exec: runExec,
    args: [...(runArgs ?? []), script, stage],
    stage,
    output: 'trace',
    scope,
  });
  state.trace.sectionEnd(section);
  return result;
}

function describeStage(section: string): string {
  return (
    DESCRIPTIONS[section] ??
    `Executing "${section}" stage of the job script`
  );
}
