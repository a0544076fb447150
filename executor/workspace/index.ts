export { packWorkspace } from './pack';
export type { PackResult } from './pack';
export {
  JOB_WRAPPER_NAME,
  WORKSPACE_FILES,
  parseJobResult,
  renderJobWrapper,
} from './job-wrapper';
export type { JobResult } from './job-wrapper';
export { WorkspaceApplyError, applyWorkspaceChanges } from './apply';
export type { ApplyLimits, ApplyResult } from './apply';
export { DEFAULT_APPLY_LIMITS } from './apply-limits';
