/**
 * Runs a small pipeline from a `.gitlab-ci.yml` through the harness: jobs
 * in stage order (or as soon as their `needs` finish), artifacts handed on
 * through the harness's store, and the pipeline status GitLab would show.
 */
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { basename, join, resolve } from 'path';
import { readCommit } from '../job/resolve-job';
import { startJob } from '../runner/run-job';
import { DependencySpec, JobSpec, RunJobOptions } from '../types';
import { parseCiFile } from './ci-file';
import { PipelineJobRecord, PipelineResult, RunPipelineOptions } from './pipeline-types';
import { PlannedJob, planPipeline } from './plan';
import { runScheduled } from './scheduler';
import { toJobRecord } from './job-record';

export async function runPipeline(options: RunPipelineOptions): Promise<PipelineResult> {
  const ciPath = resolve(options.repoDir, options.ciFile ?? '.gitlab-ci.yml');
  const ci = parseCiFile(await fs.readFile(ciPath, 'utf8'), basename(ciPath));
  const pipelineId = options.pipelineId ?? 100 + Math.floor(Math.random() * 900);
  const planned = planPipeline(ci, options.firstJobId ?? pipelineId * 10);
  const commit = await readCommit(options.repoDir);
  const artifactsDir =
    options.artifactsDir ?? (await fs.mkdtemp(join(tmpdir(), 'harness-artifacts-')));

  const records = new Map<string, PipelineJobRecord>();
  const runOne = async (job: PlannedJob, slot: number): Promise<PipelineJobRecord> => {
    options.onJobStart?.({ name: job.name, stage: job.def.stage, id: job.id });
    const spec = buildJobSpec(job, { ...options, pipelineId }, commit, records);
    const handle = startJob(spec, jobOptions(options, job.name, slot, artifactsDir));
    const onAbort = (): void => handle.cancel();
    options.signal?.addEventListener('abort', onAbort);
    const record = toJobRecord(job, await handle.result);
    options.signal?.removeEventListener('abort', onAbort);
    records.set(job.name, record);
    options.onJobEnd?.(record);
    return record;
  };
  const done = await runScheduled(planned, options.concurrency ?? 1, runOne,
    () => options.signal?.aborted === true);

  const jobs = planned.flatMap((job) => done.get(job.name) ?? []);
  return { status: pipelineStatus(jobs), pipelineId, jobs, artifactsDir };
}

function buildJobSpec(
  job: PlannedJob,
  options: RunPipelineOptions & { pipelineId: number },
  commit: { sha: string; ref: string },
  records: Map<string, PipelineJobRecord>,
): JobSpec {
  const { def } = job;
  const dependencies: DependencySpec[] = job.artifactSources.flatMap((name) => {
    const done = records.get(name);
    const archive = done?.result?.artifactsArchive;
    return done ? [{ id: done.id, name, ...(archive ? { archive } : {}) }] : [];
  });
  return {
    id: job.id,
    pipelineId: options.pipelineId,
    name: job.name,
    stage: def.stage,
    script: def.script,
    afterScript: def.afterScript,
    variables: def.variables,
    repoUrl: resolve(options.repoDir),
    ...commit,
    projectPath: options.projectPath ?? defaultProjectPath(options.repoDir),
    dependencies,
    ...(def.image ? { image: def.image } : {}),
    ...(def.artifacts ? { artifacts: def.artifacts } : {}),
    ...(def.timeoutS ? { timeoutS: def.timeoutS } : {}),
    ...(job.parallel ? { parallel: job.parallel } : {}),
  };
}

function jobOptions(
  options: RunPipelineOptions,
  name: string,
  slot: number,
  artifactsDir: string,
): RunJobOptions {
  const { driver, env, buildsDir, cacheDir, preparationRetryDelayMs } = options;
  return {
    driver,
    artifactsDir,
    concurrentId: slot,
    concurrentProjectId: slot,
    ...(env ? { env } : {}),
    ...(buildsDir ? { buildsDir } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...(preparationRetryDelayMs !== undefined ? { preparationRetryDelayMs } : {}),
    ...(options.onTrace ? { onTrace: (chunk: string) => options.onTrace?.(name, chunk) } : {}),
  };
}

function defaultProjectPath(repoDir: string): string {
  const name = basename(resolve(repoDir)).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
  return `harness/${name || 'project'}`;
}

function pipelineStatus(jobs: PipelineJobRecord[]): PipelineResult['status'] {
  if (jobs.some((job) => job.status === 'canceled')) {
    return 'canceled';
  }
  const blocking = jobs.some((job) => job.status === 'failed' && !job.allowedToFail);
  return blocking ? 'failed' : 'success';
}
