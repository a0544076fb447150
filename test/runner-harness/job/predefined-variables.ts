/**
 * The payload's `variables[]`: GitLab's predefined CI_* variables first,
 * then the pipeline's own, in the order GitLab sends them.
 */
import { JobVariable } from '../types';
import { ResolvedJob } from './resolve-job';

export function buildPayloadVariables(job: ResolvedJob): JobVariable[] {
  const [namespace, name] = splitProjectPath(job.projectPath);
  const list: [string, string][] = [
    ['CI_PIPELINE_ID', String(job.pipelineId)],
    ['CI_PIPELINE_SOURCE', 'push'],
    ['CI_JOB_ID', String(job.id)],
    ['CI_JOB_NAME', job.name],
    ['CI_JOB_STAGE', job.stage],
    ['CI_COMMIT_SHA', job.sha],
    ['CI_COMMIT_SHORT_SHA', job.sha.slice(0, 8)],
    ['CI_COMMIT_REF_NAME', job.ref],
    ['CI_COMMIT_BRANCH', job.ref],
    ['CI_PROJECT_ID', String(job.projectId)],
    ['CI_PROJECT_PATH', job.projectPath],
    ['CI_PROJECT_NAME', name],
    ['CI_PROJECT_NAMESPACE', namespace],
    ['CI_REPOSITORY_URL', job.repoUrl],
    ['CI', 'true'],
    ['GITLAB_CI', 'true'],
  ];
  if (job.parallel) {
    list.push(['CI_NODE_INDEX', String(job.parallel.index)]);
    list.push(['CI_NODE_TOTAL', String(job.parallel.total)]);
  }

  const token: JobVariable = {
    key: 'CI_JOB_TOKEN',
    value: job.token,
    public: false,
    masked: true,
  };
  const predefined = list.map(([key, value]) => publicVariable(key, value));
  return [token, ...predefined, ...(job.variables ?? [])];
}

export function splitProjectPath(path: string): [string, string] {
  const cut = path.lastIndexOf('/');
  return [path.slice(0, Math.max(cut, 0)), path.slice(cut + 1)];
}

function publicVariable(key: string, value: string): JobVariable {
  return { key, value, public: true, masked: false };
}
