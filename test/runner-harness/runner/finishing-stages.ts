/**
 * What runs after the user scripts: after_script (not after a failed
 * get_sources, cache restore or download), the cache and artifact uploads
 * for the outcome, then cleanup_file_variables. A job timeout stops all.
 */
import { existsSync, rmSync } from 'fs';
import { entriesToArchive } from '../job/cache-entries';
import { JobState } from './job-state';
import { describeFailure, JobOutcome, outcomeOf } from './outcome';
import { artifactArchivePath } from './artifact-store';
import type { StageRunner } from './stage-loop';

export async function runFinishingStages(
  state: JobState,
  run: StageRunner,
  outcome: JobOutcome,
  userScriptsRan: boolean,
): Promise<JobOutcome> {
  state.control.enterPhase('after');
  state.status = statusOf(state, outcome);
  let result = outcome;

  if (userScriptsRan && (state.job.afterScript ?? []).length > 0) {
    result = await runAfterScript(state, run, result);
  }
  if (!state.control.aborted) {
    result = await archiveCache(state, run, result);
  }
  if (!state.control.aborted) {
    result = await uploadArtifacts(state, run, result);
  }
  if (!state.control.aborted) {
    // The runner only logs a failure of this stage.
    await run('cleanup_file_variables');
  }
  return result;
}

async function runAfterScript(
  state: JobState,
  run: StageRunner,
  outcome: JobOutcome,
): Promise<JobOutcome> {
  const result = await run('after_script', state.job.afterScript);
  if (result.kind === 'ok') {
    return outcome;
  }
  if (state.lookupVariable('AFTER_SCRIPT_IGNORE_ERRORS') === 'false') {
    return outcome.kind === 'success' ? outcomeOf(result) : outcome;
  }
  const reason = describeFailure(outcomeOf(result));
  state.trace.warning(
    `WARNING: after_script failed, but job will continue unaffected: ${reason}`,
  );
  return outcome;
}

/** The cache is saved before the artifacts are uploaded. */
async function archiveCache(
  state: JobState,
  run: StageRunner,
  outcome: JobOutcome,
): Promise<JobOutcome> {
  const succeeded = outcome.kind === 'success';
  if (entriesToArchive(state.caches, succeeded).length === 0) {
    return outcome;
  }
  const result = await run(
    succeeded ? 'archive_cache' : 'archive_cache_on_failure',
  );
  return succeeded ? outcomeOf(result) : outcome;
}

async function uploadArtifacts(
  state: JobState,
  run: StageRunner,
  outcome: JobOutcome,
): Promise<JobOutcome> {
  const artifacts = state.job.artifacts;
  const succeeded = outcome.kind === 'success';
  const when = artifacts?.when ?? 'on_success';
  const applies =
    when === 'always' || (when === 'on_success') === succeeded;
  if (!artifacts || artifacts.paths.length === 0 || !applies) {
    return outcome;
  }

  const stage = succeeded
    ? 'upload_artifacts_on_success'
    : 'upload_artifacts_on_failure';
  const archive = artifactArchivePath(state.options, state.job.id);
  rmSync(archive, { force: true });
  const result = await run(stage);
  if (existsSync(archive)) {
    state.artifactsArchive = archive;
  }
  return succeeded ? outcomeOf(result) : outcome;
}

function statusOf(state: JobState, outcome: JobOutcome): JobState['status'] {
  if (state.control.canceled) {
    return 'canceled';
  }
  return outcome.kind === 'success' ? 'success' : 'failed';
}
