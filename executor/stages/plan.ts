import { matchesGlob } from '../job/image';

/**
 * Which stages run as HTCondor jobs. `remote_stages` holds names and globs
 * (`step_*`); everything else runs on the runner host with bash.
 */
export function isRemoteStage(stage: string, remoteStages: string[]): boolean {
  return remoteStages.some((pattern) => matchesGlob(pattern, stage));
}

/**
 * `config` hands the list of remote stages to the calls after it through
 * gitlab-runner's job_env (this variable, a JSON array), so that a local
 * stage decides without reading the settings; the runner sets it for
 * prepare, run and cleanup only, never for the job's own scripts.
 */
export const REMOTE_STAGES_ENV = 'HTCONDOR_EXECUTOR_REMOTE_STAGES';

/** What `remote_stages` may hold: a stage name, or a prefix and `*`. */
export const STAGE_PATTERN = /^[a-z_]+\*?$/;

/**
 * The list `config` passed on, or undefined if there is none or it is not
 * one that the settings would accept.
 */
export function remoteStagesFromEnv(env: NodeJS.ProcessEnv): string[] | undefined {
  const text = env[REMOTE_STAGES_ENV];
  if (text === undefined) return undefined;
  try {
    const list: unknown = JSON.parse(text);
    if (Array.isArray(list) && list.every((p) => typeof p === 'string' && STAGE_PATTERN.test(p))) {
      return list;
    }
  } catch {
    // not what config writes: the settings decide
  }

  return undefined;
}

/**
 * Whether the list `config` passed on names this stage local: such a stage
 * needs no settings at all. False without a list.
 */
export function listedAsLocal(stage: string, env: NodeJS.ProcessEnv): boolean {
  const listed = remoteStagesFromEnv(env);

  return listed !== undefined && !isRemoteStage(stage, listed);
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
