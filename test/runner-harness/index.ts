/** Runs CI jobs and small pipelines against a custom-executor driver. */
export { ourDriver, findRepoRoot } from './driver-spec';
export { runJob, startJob } from './runner/run-job';
export { runPipeline } from './pipeline/run-pipeline';
export { parseCiFile } from './pipeline/ci-file';
export { shellEscape } from './shell/shell-escape';
export * from './types';
export * from './pipeline/pipeline-types';
export type { CiJob, CiPipeline, NeedSpec } from './pipeline/ci-types';
export { createRepoFromDir } from './repo-from-dir';
export { JobLogPrinter } from './display/job-log-printer';
export { formatPipelineSummary } from './display/pipeline-summary';
export { renderTrace } from './display/render-trace';
