/**
 * The harness's stand-in for GitLab's artifact storage: one archive per
 * job id under the store dir, written by the upload stage's script.
 */
import { tmpdir } from 'os';
import { join } from 'path';
import { RunJobOptions } from '../types';

export function artifactsDirOf(options: RunJobOptions): string {
  return options.artifactsDir ?? join(tmpdir(), 'runner-harness-artifacts');
}

export function artifactArchivePath(
  options: RunJobOptions,
  jobId: number,
): string {
  return join(artifactsDirOf(options), String(jobId), 'artifacts.tar.gz');
}
