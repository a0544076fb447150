/** A parsed `.gitlab-ci.yml`, restricted to what the harness supports. */
import { ArtifactsSpec, CacheSpec, JobVariable } from '../types';

export interface NeedSpec {
  job: string;
  artifacts: boolean;
}

export interface CiJob {
  name: string;
  stage: string;
  image?: string;
  /** before_script (job or default) followed by script. */
  script: string[];
  afterScript: string[];
  variables: JobVariable[];
  parallel?: number;
  needs?: NeedSpec[];
  dependencies?: string[];
  artifacts?: ArtifactsSpec;
  cache?: CacheSpec[];
  allowFailure: boolean | { exitCodes: number[] };
  timeoutS?: number;
}

export interface CiPipeline {
  stages: string[];
  jobs: CiJob[];
}

/** What `default:` (or the old top-level keys) supplies to every job. */
export interface CiDefaults {
  image?: string;
  beforeScript?: string[];
  afterScript?: string[];
  timeoutS?: number;
  artifacts?: ArtifactsSpec;
  cache?: CacheSpec[];
}
