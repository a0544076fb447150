/** What the stage body writers need to know about the job. */
import { CacheEntry } from '../job/cache-entries';
import { ScriptVariable } from './exports-block';

export interface GitSource {
  url: string;
  sha: string;
  ref: string;
  refspecs: string[];
  depth: number;
  strategy: 'fetch' | 'clone' | 'none';
}

export interface ArtifactDownload {
  id: number;
  name: string;
  archive: string;
}

export interface ScriptContext {
  variables: ScriptVariable[];
  projectDir: string;
  /** `<project>.tmp`: the runner's per-project state dir. */
  tmpDir: string;
  hostname?: string;
  git: GitSource;
  runnerVersion: string;
  userAgentPlatform: string;
  jobId: number;
  artifactPaths: string[];
  /** `<artifactsDir>/<job id>/artifacts.tar.gz`. */
  artifactArchive: string;
  downloads: ArtifactDownload[];
  caches: CacheEntry[];
}
