/**
 * Everything one job run accumulates: the resolved job, its trace and call
 * records, the driver's dynamic config and the directories derived from it.
 */
import { CacheEntry, resolveCaches } from '../job/cache-entries';
import { buildPayloadVariables } from '../job/predefined-variables';
import { ResolvedJob } from '../job/resolve-job';
import { RUNNER_SHORT_TOKEN } from '../job/runner-identity';
import {
  buildAllVariables,
  JobStatusValue,
  projectTmpDir,
} from '../job/runner-variables';
import { CallRecord, JobVariable, RunJobOptions } from '../types';
import { ConfigOutput } from './config-output';
import { JobControl } from './job-control';
import { TraceWriter } from './trace-writer';

export class JobState {
  readonly trace: TraceWriter;
  readonly calls: CallRecord[] = [];
  readonly payload: JobVariable[];
  config: ConfigOutput = {};
  status: JobStatusValue = 'running';
  artifactsArchive: string | undefined;

  constructor(
    readonly job: ResolvedJob,
    readonly options: RunJobOptions,
    readonly control: JobControl,
  ) {
    this.payload = buildPayloadVariables(job);
    const secrets = this.payload
      .filter((v) => v.masked && v.value !== '')
      .map((v) => v.value);
    this.trace = new TraceWriter(secrets, options.onTrace);
  }

  get buildsDir(): string {
    return this.config.builds_dir ?? this.options.buildsDir ?? '';
  }

  get cacheDir(): string {
    return this.config.cache_dir ?? this.options.cacheDir ?? '';
  }

  /** Final only after config_exec, like the runner's StartBuild. */
  get projectDir(): string {
    if (this.buildsDir === '') {
      return '';
    }
    const shared = this.config.builds_dir_is_shared
      ? `/${RUNNER_SHORT_TOKEN}/${this.concurrentProjectId}`
      : '';
    const root = this.buildsDir.replace(/\/+$/, '');
    return `${root}${shared}/${this.job.projectPath}`;
  }

  get tmpDir(): string {
    return projectTmpDir(this.projectDir);
  }

  get concurrentProjectId(): number {
    return this.options.concurrentProjectId ?? 0;
  }

  get caches(): CacheEntry[] {
    const lookup = (key: string): string | undefined =>
      this.lookupVariable(key);
    return resolveCaches(this.job.cache ?? [], this.cacheDir, lookup);
  }

  /** The value a script would see, the last definition winning. */
  lookupVariable(key: string): string | undefined {
    return this.allVariables()
      .filter((v) => v.key === key)
      .pop()?.value;
  }

  allVariables(): JobVariable[] {
    return buildAllVariables(this.payload, {
      image: this.job.image,
      buildsDir: this.buildsDir,
      projectDir: this.projectDir,
      concurrentId: this.options.concurrentId ?? 0,
      concurrentProjectId: this.concurrentProjectId,
      jobStatus: this.status,
      timeoutS: this.job.timeoutS,
    });
  }
}
