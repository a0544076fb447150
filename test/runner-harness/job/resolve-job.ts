/**
 * Fills a JobSpec with what GitLab would have decided before sending the
 * job: ids, token, commit, ref and timeout.
 */
import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { promisify } from 'util';
import { JobSpec } from '../types';

const run = promisify(execFile);

export interface ResolvedJob extends JobSpec {
  id: number;
  pipelineId: number;
  projectPath: string;
  projectId: number;
  stage: string;
  sha: string;
  ref: string;
  timeoutS: number;
  token: string;
}

export async function resolveJob(spec: JobSpec): Promise<ResolvedJob> {
  const known = spec.sha !== undefined && spec.ref !== undefined;
  const head = known ? undefined : await readCommit(spec.repoUrl);
  const sha = spec.sha ?? head?.sha ?? '';
  const ref = spec.ref ?? head?.ref ?? 'main';

  return {
    ...spec,
    id: spec.id ?? 1000 + Math.floor(Math.random() * 9000),
    pipelineId: spec.pipelineId ?? 100 + Math.floor(Math.random() * 900),
    projectPath: spec.projectPath ?? 'harness/project',
    projectId: 42,
    stage: spec.stage ?? 'test',
    sha,
    ref,
    timeoutS: spec.timeoutS ?? 3600,
    token: 'glcbt-' + randomBytes(10).toString('hex'),
  };
}

/** The commit and branch a pipeline for this repository would run. */
export async function readCommit(
  repoUrl: string,
): Promise<{ sha: string; ref: string }> {
  const dir = repoUrl.replace(/^file:\/\//, '');
  return {
    sha: await readGit(dir, 'rev-parse', 'HEAD'),
    ref: await readBranch(dir),
  };
}

async function readGit(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', dir, ...args]);
  return stdout.trim();
}

async function readBranch(dir: string): Promise<string> {
  try {
    return await readGit(dir, 'symbolic-ref', '--short', 'HEAD');
  } catch {
    return 'main';
  }
}
