/** The JobSpec and run options of one pipeline job instance. */
import { basename, resolve } from 'path';
import { DependencySpec, JobSpec, RunJobOptions } from '../types';
import { PipelineJobRecord, RunPipelineOptions } from './pipeline-types';
import { PlannedJob } from './plan';

export interface PipelineRun {
  options: RunPipelineOptions;
  pipelineId: number;
  commit: { sha: string; ref: string };
  artifactsDir: string;
  /** Finished jobs so far, by instance name. */
  records: Map<string, PipelineJobRecord>;
}

export function buildJobSpec(run: PipelineRun, job: PlannedJob): JobSpec {
  const { def } = job;
  const { repoDir, projectPath } = run.options;
  return {
    id: job.id,
    pipelineId: run.pipelineId,
    name: job.name,
    stage: def.stage,
    script: def.script,
    afterScript: def.afterScript,
    variables: def.variables,
    repoUrl: resolve(repoDir),
    ...run.commit,
    projectPath: projectPath ?? defaultProjectPath(repoDir),
    dependencies: buildDependencies(run, job),
    ...(def.image ? { image: def.image } : {}),
    ...(def.artifacts ? { artifacts: def.artifacts } : {}),
    ...(def.cache ? { cache: def.cache } : {}),
    ...(def.timeoutS ? { timeoutS: def.timeoutS } : {}),
    ...(job.parallel ? { parallel: job.parallel } : {}),
  };
}

/** Every source job is listed; only those that kept artifacts download. */
function buildDependencies(
  run: PipelineRun,
  job: PlannedJob,
): DependencySpec[] {
  return job.artifactSources.flatMap((name) => {
    const done = run.records.get(name);
    const archive = done?.result?.artifactsArchive;
    return done ? [{ id: done.id, name, ...(archive ? { archive } : {}) }] : [];
  });
}

export function buildRunOptions(
  run: PipelineRun,
  name: string,
  slot: number,
): RunJobOptions {
  const { driver, env, buildsDir, cacheDir, onTrace } = run.options;
  const delay = run.options.preparationRetryDelayMs;
  return {
    driver,
    artifactsDir: run.artifactsDir,
    concurrentId: slot,
    concurrentProjectId: slot,
    ...(env ? { env } : {}),
    ...(buildsDir ? { buildsDir } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...(delay !== undefined ? { preparationRetryDelayMs: delay } : {}),
    ...(onTrace ? { onTrace: (chunk: string) => onTrace(name, chunk) } : {}),
  };
}

function defaultProjectPath(repoDir: string): string {
  const base = basename(resolve(repoDir)).toLowerCase();
  const name = base.replace(/[^a-z0-9_.-]+/g, '-');
  return `harness/${name || 'project'}`;
}
