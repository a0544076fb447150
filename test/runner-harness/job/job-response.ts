/**
 * JOB_RESPONSE_FILE content: the job as the runner re-encodes it, one JSON
 * line in the runner's key order.
 */
import { existsSync, statSync } from 'fs';
import { basename } from 'path';
import { JobVariable } from '../types';
import { ResolvedJob } from './resolve-job';

const FAILURE_REASONS = [
  'script_failure',
  'runner_system_failure',
  'job_execution_timeout',
];

export function buildJobResponse(
  job: ResolvedJob,
  variables: JobVariable[],
  refspecs: string[],
  depth: number,
): string {
  const response = {
    id: job.id,
    token: job.token,
    allow_git_fetch: true,
    job_info: jobInfo(job),
    git_info: {
      repo_url: job.repoUrl,
      ref: job.ref,
      sha: job.sha,
      before_sha: '0'.repeat(40),
      ref_type: 'branch',
      refspecs,
      depth,
    },
    runner_info: { timeout: job.timeoutS },
    variables: variables.map(payloadVariable),
    steps: buildSteps(job),
    image: { name: job.image ?? '' },
    services: [],
    artifacts: buildArtifacts(job),
    cache: buildCaches(job),
    credentials: [],
    dependencies: buildDependencies(job),
    features: { trace_sections: true, failure_reasons: FAILURE_REASONS },
  };
  return JSON.stringify(response) + '\n';
}

function jobInfo(job: ResolvedJob): object {
  const name = job.projectPath.split('/').pop() ?? job.projectPath;
  return {
    id: job.id,
    name: job.name,
    stage: job.stage,
    project_id: job.projectId,
    project_name: name,
  };
}

function payloadVariable(v: JobVariable): object {
  return {
    key: v.key,
    value: v.value,
    public: v.public ?? true,
    file: v.file ?? false,
    masked: v.masked ?? false,
    raw: v.raw ?? false,
  };
}

function buildSteps(job: ResolvedJob): object[] {
  const step = (name: string, script: string[], when: string) => ({
    name,
    script,
    timeout: job.timeoutS,
    when,
    allow_failure: name === 'after_script',
  });
  const steps = [step('script', job.script, 'on_success')];
  for (const extra of job.steps ?? []) {
    steps.push(step(extra.name, extra.script, 'on_success'));
  }
  if (job.afterScript && job.afterScript.length > 0) {
    steps.push(step('after_script', job.afterScript, 'always'));
  }
  return steps;
}

function buildArtifacts(job: ResolvedJob): object[] {
  if (!job.artifacts) {
    return [];
  }
  const { paths, when, name, expireIn } = job.artifacts;
  return [
    {
      name: name ?? '',
      untracked: false,
      paths,
      when: when ?? 'on_success',
      artifact_type: 'archive',
      artifact_format: 'zip',
      expire_in: expireIn ?? '',
    },
  ];
}

function buildCaches(job: ResolvedJob): object[] {
  return (job.cache ?? []).map((cache) => ({
    key: cache.key ?? 'default',
    untracked: false,
    policy: cache.policy ?? 'pull-push',
    paths: cache.paths,
    when: cache.when ?? 'on_success',
  }));
}

function buildDependencies(job: ResolvedJob): object[] {
  return (job.dependencies ?? []).map((dep) => ({
    id: dep.id,
    name: dep.name,
    token: job.token,
    artifacts_file: dep.archive
      ? { filename: basename(dep.archive), size: sizeOf(dep.archive) }
      : { filename: '', size: 0 },
  }));
}

function sizeOf(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}
