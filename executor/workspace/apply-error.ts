/**
 * Why the job's workspace changes were not applied. `reason` is meant for
 * the CI log; `partiallyApplied` is true only when a file system error hit
 * after the first change was made to the workspace (every check on the
 * archive itself happens before that).
 */
export class WorkspaceApplyError extends Error {
  readonly reason: string;
  readonly partiallyApplied: boolean;

  constructor(
    reason: string,
    options: { cause?: unknown; partiallyApplied?: boolean } = {},
  ) {
    super(`applying the job's workspace changes: ${reason}`, {
      cause: options.cause,
    });
    this.name = 'WorkspaceApplyError';
    this.reason = reason;
    this.partiallyApplied = options.partiallyApplied ?? false;
  }
}
