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
import { parseCiFile } from './ci-file';
import { buildJobSpec, buildRunOptions, PipelineRun } from './job-inputs';
import { toJobRecord } from './job-record';
import {
  PipelineJobRecord,
  PipelineResult,
  RunPipelineOptions,
} from './pipeline-types';
import { PlannedJob, planPipeline } from './plan';
import { runScheduled } from './scheduler';

export async function runPipeline(
  options: RunPipelineOptions,
): Promise<PipelineResult> {
  const ciPath = resolve(options.repoDir, options.ciFile ?? '.gitlab-ci.yml');
  const ci = parseCiFile(await fs.readFile(ciPath, 'utf8'), basename(ciPath));
  const pipelineId = options.pipelineId ?? randomId(100, 999);
  const planned = planPipeline(ci, options.firstJobId ?? pipelineId * 10);
  const run: PipelineRun = {
    options,
    pipelineId,
    commit: await readCommit(options.repoDir),
    artifactsDir: options.artifactsDir ?? (await createArtifactsDir()),
    records: new Map(),
  };

  const done = await runScheduled(
    planned,
    options.concurrency ?? 1,
    (job, slot) => runOne(run, job, slot),
    () => options.signal?.aborted === true,
  );
  const jobs = planned.flatMap((job) => done.get(job.name) ?? []);
  const { artifactsDir } = run;
  return { status: pipelineStatus(jobs), pipelineId, jobs, artifactsDir };
}

async function runOne(
  run: PipelineRun,
  job: PlannedJob,
  slot: number,
): Promise<PipelineJobRecord> {
  const { options } = run;
  options.onJobStart?.({ name: job.name, stage: job.def.stage, id: job.id });
  const handle = startJob(
    buildJobSpec(run, job),
    buildRunOptions(run, job.name, slot),
  );
  const cancel = (): void => handle.cancel();
  options.signal?.addEventListener('abort', cancel);

  const record = toJobRecord(job, await handle.result);
  options.signal?.removeEventListener('abort', cancel);
  run.records.set(job.name, record);
  options.onJobEnd?.(record);
  return record;
}

function createArtifactsDir(): Promise<string> {
  return fs.mkdtemp(join(tmpdir(), 'harness-artifacts-'));
}

function randomId(low: number, high: number): number {
  return low + Math.floor(Math.random() * (high - low + 1));
}

function pipelineStatus(jobs: PipelineJobRecord[]): PipelineResult['status'] {
  if (jobs.some((job) => job.status === 'canceled')) {
    return 'canceled';
  }
  const failed = jobs.some((j) => j.status === 'failed' && !j.allowedToFail);
  return failed ? 'failed' : 'success';
}
