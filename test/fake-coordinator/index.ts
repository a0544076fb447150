/**
 * A loopback stand-in for the part of GitLab's runner API that one CI job
 * needs, for `gitlab-runner run-single`: job request, state updates (with
 * `Job-Status: canceling` on demand), incremental trace, artifact upload.
 */
export { startFakeCoordinator, type FakeCoordinator } from './server';
export { buildJobPayload, type JobPayloadInput } from './job-payload';
export type * from './types';
