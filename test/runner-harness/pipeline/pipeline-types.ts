/** Inputs and results of runPipeline. */
import { DriverSpec, FailureReason, JobResult } from '../types';

export interface RunPipelineOptions {
  /** Path of the CI file; relative paths are read from repoDir. */
  ciFile?: string;
  /** Local git repository the pipeline runs for (its HEAD commit). */
  repoDir: string;
  driver: DriverSpec;
  env?: Record<string, string | undefined>;
  /** How many jobs may run at once, like the runner's `concurrent` (1). */
  concurrency?: number;
  onTrace?: (jobName: string, chunk: string) => void;
  onJobStart?: (job: PipelineJobStart) => void;
  onJobEnd?: (record: PipelineJobRecord) => void;
  /** Artifact store; a temp dir under os.tmpdir() when absent. */
  artifactsDir?: string;
  /** `namespace/project`, default `harness/<repo dir name>`. */
  projectPath?: string;
  pipelineId?: number;
  firstJobId?: number;
  buildsDir?: string;
  cacheDir?: string;
  preparationRetryDelayMs?: number;
  /** Aborting cancels running jobs and the ones not started yet. */
  signal?: AbortSignal;
}

export interface PipelineJobStart {
  name: string;
  stage: string;
  id: number;
}

export interface PipelineJobRecord extends PipelineJobStart {
  status: 'success' | 'failed' | 'canceled' | 'skipped';
  /** Failed, but allow_failure (or its exit_codes) covers it. */
  allowedToFail: boolean;
  failureReason?: FailureReason;
  exitCode?: number;
  result?: JobResult;
}

export interface PipelineResult {
  status: 'success' | 'failed' | 'canceled';
  pipelineId: number;
  /** In execution order of stages, then definition order. */
  jobs: PipelineJobRecord[];
  artifactsDir: string;
}
