import { describeCause } from '../errors';
import { removeStateDir } from '../job/state-dir';
import { removeLeftoverStaging } from '../workspace/apply';
import { jobKey } from '../job/context';
import { recordCiJob } from '../log/record-job';
import { openClusters, wasSubmitting } from '../stages/remote/clusters';
import { removeJob } from '../stages/remote/remove-job';
import type { StageCall } from '../stages/stage-call';
import { openCall } from './open-call';
import { existsSync } from 'node:fs';

/**
 * cleanup_exec: removes every HTCondor job of this CI job that may still
 * exist, then the state dir with every copy of the scripts, archives and
 * outputs, and any staging dir a killed apply left beside the project.
 * Idempotent, and it never fails the CI job: problems are reported, the
 * exit is 0.
 */
export async function cleanupCommand(configFile: string): Promise<void> {
  let call: StageCall;
  try {
    call = openCall(configFile, 'cleanup');
  } catch (error) {
    process.stderr.write(`cleanup skipped: ${describeCause(error)}\n`);
    return;
  }

  try {
    await recordCiJob(call);
    await removeLeftoverJobs(call);
    removeStateDir(call.settings.workspace.state_dir, jobKey(call.job));
    const staging = removeLeftoverStaging(call.job.projectDir);
    call.log.info('cleaned up', staging > 0 ? { leftoverStagingDirs: staging } : {});
  } catch (error) {
    call.log.error('cleanup incomplete', { message: describeCause(error) });
    process.stderr.write(`cleanup incomplete: ${describeCause(error)}\n`);
  } finally {
    await call.log.close();
  }
}

/**
 * Jobs the state dir still lists are removed by id. Without a state dir we
 * cannot know, so every job tagged with this CI job on this runner goes.
 */
async function removeLeftoverJobs(call: StageCall): Promise<void> {
  if (existsSync(call.stateDir) && !wasSubmitting(call.stateDir)) {
    for (const cluster of openClusters(call.stateDir)) {
      await removeJob(call, cluster, 'cleanup');
    }
    return;
  }

  for (const cluster of openClusters(call.stateDir)) {
    await removeJob(call, cluster, 'cleanup');
  }
  const constraint = tagConstraint(call.job.jobId, call.job.runnerToken);
  const result = await call.tools.run('condor_rm', ['-constraint', constraint], 30_000);
  call.log.info('removed by tag', { constraint, exitCode: result.exitCode });
}

export function tagConstraint(jobId: string, runnerToken: string): string {
  const runner = runnerToken.replace(/[^A-Za-z0-9_-]/g, '');
  const byRunner = runner ? ` && GitLabRunner == "${runner}"` : '';

  return `GitLabJobId == ${Number(jobId)}${byRunner}`;
}
