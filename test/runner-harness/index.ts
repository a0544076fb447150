/** Runs CI jobs and small pipelines against a custom-executor driver. */
export { ourDriver, findRepoRoot } from './driver-spec';
export { runJob, startJob } from './runner/run-job';
export { shellEscape } from './shell/shell-escape';
export * from './types';
