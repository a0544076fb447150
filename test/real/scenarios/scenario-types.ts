import type { JobSpec } from '../../runner-harness';
import type { SimWorld } from '../../integration/sim-job';

export type Backend = 'harness' | 'gitlab-runner';

/** One CI job's outcome, the same shape for the harness and the real runner. */
export interface ScenarioRun {
  backend: Backend;
  status: 'success' | 'failed' | 'canceled';
  failureReason?: string;
  exitCode?: number;
  /** The trace as GitLab stores it (real runner) or the harness prints it. */
  trace: string;
  /** Trace pieces with their arrival time: PATCH bodies, or harness chunks. */
  traceChunks: { at: number; text: string }[];
  /** Paths inside the uploaded artifact archive. */
  artifactEntries: string[];
  /** When the cancel reached the runner's side (Job-Status sent, or cancel()). */
  cancelAt?: number;
  world: SimWorld;
}

/** A CI job run through both backends, with the checks both must pass. */
export interface Scenario {
  name: string;
  /** Driver settings (TOML lines) added to the world's config file. */
  settings?: string;
  /** Makes the job, after any files it needs exist in the world. */
  job(world: SimWorld): Promise<Partial<JobSpec> & { script: string[] }>;
  /** Trace text after which the job is cancelled. */
  cancelAfter?: string;
  check(run: ScenarioRun): Promise<void>;
}
