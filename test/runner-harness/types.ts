/**
 * Public shapes of the runner harness. Names follow gitlab-runner's
 * `[runners.custom]` keys and the job payload it receives from GitLab.
 */

/** How the runner starts the driver, as in `[runners.custom]`. */
export interface DriverSpec {
  configExec?: string;
  configArgs?: string[];
  prepareExec?: string;
  prepareArgs?: string[];
  runExec: string;
  runArgs?: string[];
  cleanupExec?: string;
  cleanupArgs?: string[];
  /** Seconds between SIGTERM and SIGKILL (runner default 600). */
  gracefulKillTimeoutS?: number;
  /** Seconds to wait after SIGKILL before giving up (runner default 10). */
  forceKillTimeoutS?: number;
}

/** One entry of the payload's `variables[]`. */
export interface JobVariable {
  key: string;
  value: string;
  public?: boolean;
  masked?: boolean;
  file?: boolean;
  raw?: boolean;
}

export interface ArtifactsSpec {
  paths: string[];
  when?: 'on_success' | 'on_failure' | 'always';
  name?: string;
  expireIn?: string;
}

/** One `cache:` entry; the archive lives under the driver's cache_dir. */
export interface CacheSpec {
  /** Expanded with the job's variables; GitLab's default is "default". */
  key?: string;
  paths: string[];
  policy?: 'pull-push' | 'pull' | 'push';
  when?: 'on_success' | 'on_failure' | 'always';
}

/** Artifacts of an earlier job that this job downloads. */
export interface DependencySpec {
  id: number;
  name: string;
  /** Archive in the harness store; absent when that job kept none. */
  archive?: string;
}

export interface JobSpec {
  name: string;
  stage?: string;
  /** Merged before_script + script, as GitLab sends it in the `script` step. */
  script: string[];
  afterScript?: string[];
  /** Extra user steps after `script`, sent to run_exec as `step_<name>`. */
  steps?: { name: string; script: string[] }[];
  variables?: JobVariable[];
  image?: string;
  /** Local git repository: a path or a file:// URL. */
  repoUrl: string;
  sha?: string;
  ref?: string;
  artifacts?: ArtifactsSpec;
  cache?: CacheSpec[];
  dependencies?: DependencySpec[];
  id?: number;
  pipelineId?: number;
  /** `namespace/project`. */
  projectPath?: string;
  /** runner_info.timeout in seconds (GitLab default 3600). */
  timeoutS?: number;
  parallel?: { index: number; total: number };
}

export type FailureReason =
  | 'script_failure'
  | 'runner_system_failure'
  | 'job_execution_timeout';

export type CallKind = 'config' | 'prepare' | 'run' | 'cleanup';

export interface CallRecord {
  kind: CallKind;
  stage?: string;
  /** Exit status; -1 when the call ended by a signal or was given up. */
  exitCode: number;
  ms: number;
}

/** The job as GitLab records it after the runner's final update. */
export interface JobResult {
  status: 'success' | 'failed' | 'canceled';
  failureReason?: FailureReason;
  exitCode?: number;
  trace: string;
  calls: CallRecord[];
  projectDir: string;
  artifactsArchive?: string;
}

export interface RunJobOptions {
  driver: DriverSpec;
  /** Changes to the runner's own environment (PATH…); undefined unsets. */
  env?: Record<string, string | undefined>;
  onTrace?: (chunk: string) => void;
  /** Overrides the job's timeoutS. */
  jobTimeoutS?: number;
  cancelAfterMs?: number;
  /** Where upload_artifacts writes `<id>/artifacts.tar.gz`. */
  artifactsDir?: string;
  /** `[[runners]]` builds_dir / cache_dir, used without config_exec. */
  buildsDir?: string;
  cacheDir?: string;
  concurrentId?: number;
  concurrentProjectId?: number;
  /** Pause between preparation attempts (runner: 3000). */
  preparationRetryDelayMs?: number;
}

export interface JobHandle {
  result: Promise<JobResult>;
  /** Like the GitLab "Cancel" button: cancels the user-script stage. */
  cancel(): void;
}
