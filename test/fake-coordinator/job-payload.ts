import { buildGitSource } from '../runner-harness/job/git-info';
import { buildJobResponse } from '../runner-harness/job/job-response';
import { buildPayloadVariables } from '../runner-harness/job/predefined-variables';
import { resolveJob } from '../runner-harness/job/resolve-job';
import type { JobSpec, JobVariable } from '../runner-harness/types';
import type { FakeJobPayload } from './types';

export interface JobPayloadInput {
  spec: JobSpec;
  /** The coordinator's URL, for CI_SERVER_URL and CI_API_V4_URL. */
  serverUrl: string;
}

/**
 * The job JSON GitLab would send for `spec`: the same payload the runner
 * harness hands the driver, plus the server variables GitLab adds.
 */
export async function buildJobPayload(
  input: JobPayloadInput,
): Promise<FakeJobPayload> {
  const job = await resolveJob(input.spec);
  const server = input.serverUrl.replace(/\/+$/, '');
  const serverVariables: JobVariable[] = [
    { key: 'CI_SERVER_URL', value: server, public: true },
    { key: 'CI_API_V4_URL', value: `${server}/api/v4`, public: true },
  ];
  const [token, ...rest] = buildPayloadVariables(job);
  const variables = [...(token ? [token] : []), ...serverVariables, ...rest];
  const git = buildGitSource(job, variables);
  const text = buildJobResponse(job, variables, git.refspecs, git.depth);
  return JSON.parse(text) as FakeJobPayload;
}
