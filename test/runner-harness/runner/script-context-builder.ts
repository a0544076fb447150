/** Gathers what the stage body writers need from the job's current state. */
import { buildGitSource } from '../job/git-info';
import { RUNNER_VERSION, runnerArch } from '../job/runner-identity';
import { ScriptContext } from '../shell/script-context';
import { artifactArchivePath } from './artifact-store';
import { JobState } from './job-state';

export function buildScriptContext(state: JobState): ScriptContext {
  const variables = state.allVariables();
  const downloads = (state.job.dependencies ?? []).flatMap((dep) =>
    dep.archive ? [{ id: dep.id, name: dep.name, archive: dep.archive }] : [],
  );

  return {
    variables: variables.map(({ key, value, file }) => ({ key, value, file })),
    projectDir: state.projectDir,
    tmpDir: state.tmpDir,
    hostname: state.config.hostname,
    git: buildGitSource(state.job, variables),
    runnerVersion: RUNNER_VERSION,
    userAgentPlatform: runnerArch(),
    jobId: state.job.id,
    artifactPaths: state.job.artifacts?.paths ?? [],
    artifactArchive: artifactArchivePath(state.options, state.job.id),
    downloads,
    caches: state.caches,
  };
}
