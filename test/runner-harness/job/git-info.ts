/**
 * git_info as GitLab sends it for a branch pipeline, plus the job variables
 * that steer get_sources (GIT_STRATEGY, GIT_DEPTH).
 */
import { GitSource } from '../shell/script-context';
import { JobVariable } from '../types';
import { ResolvedJob } from './resolve-job';

const DEFAULT_DEPTH = 20;

export function buildGitSource(
  job: ResolvedJob,
  variables: JobVariable[],
): GitSource {
  const lookup = (key: string): string | undefined =>
    variables.filter((v) => v.key === key).pop()?.value;
  const depth = Number.parseInt(lookup('GIT_DEPTH') ?? '', 10);

  return {
    url: job.repoUrl,
    sha: job.sha,
    ref: job.ref,
    refspecs: [
      `+${job.sha}:refs/pipelines/${job.pipelineId}`,
      `+refs/heads/${job.ref}:refs/remotes/origin/${job.ref}`,
    ],
    depth: Number.isNaN(depth) ? DEFAULT_DEPTH : depth,
    strategy: parseStrategy(lookup('GIT_STRATEGY')),
  };
}

function parseStrategy(value: string | undefined): GitSource['strategy'] {
  return value === 'clone' || value === 'none' ? value : 'fetch';
}
