import { matchesGlob } from '../job/image';

/**
 * Which stages run as HTCondor jobs. `remote_stages` holds names and globs
 * (`step_*`); everything else runs on the runner host with bash.
 */
export function isRemoteStage(stage: string, remoteStages: string[]): boolean {
  return remoteStages.some((pattern) => matchesGlob(pattern, stage));
}

/** The stages gitlab-runner is known to send; others get a debug line. */
export const KNOWN_STAGES = new Set([
  'prepare_script',
  'get_sources',
  'clear_worktree',
  'restore_cache',
  'download_artifacts',
  'build_script',
  'step_script',
  'after_script',
  'archive_cache',
  'archive_cache_on_failure',
  'upload_artifacts_on_success',
  'upload_artifacts_on_failure',
  'cleanup_file_variables',
]);

export function isKnownStage(stage: string): boolean {
  return KNOWN_STAGES.has(stage) || stage.startsWith('step_');
}
