import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { blockedReason, repoRoot } from '../support/repo-paths';

/**
 * The gitlab-runner that scripts/install-gitlab-runner.sh built, or
 * GITLAB_RUNNER_BIN; undefined when there is none.
 */
export function findRunnerBinary(): string | undefined {
  const given = process.env.GITLAB_RUNNER_BIN;
  if (given) return given;
  const dir = join(repoRoot(), '.cache', 'gitlab-runner');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .map((version) => join(dir, version, 'gitlab-runner'))
    .find((file) => existsSync(file));
}

/** Why there is no runner binary, as the install script recorded it. */
export function runnerBlocked(): string | undefined {
  if (findRunnerBinary()) return undefined;
  const why = blockedReason('gitlab-runner');
  return why ?? 'scripts/install-gitlab-runner.sh has not been run';
}
