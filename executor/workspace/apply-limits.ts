import { WorkspaceApplyError } from './apply-error';

/** Bounds on what a job may send back to the runner host. */
export type ApplyLimits = {
  maxTotalBytes: number;
  maxEntries: number;
  maxFileBytes: number;
  maxPathLength: number;
};

const GIB = 1024 ** 3;

/** The defaults of workspace.max_returned_* in the settings. */
export const DEFAULT_APPLY_LIMITS: Readonly<ApplyLimits> = {
  maxTotalBytes: 10 * GIB,
  maxEntries: 200_000,
  maxFileBytes: 5 * GIB,
  maxPathLength: 4096,
};

export function resolveApplyLimits(
  overrides: Partial<ApplyLimits> = {},
): ApplyLimits {
  const limits = { ...DEFAULT_APPLY_LIMITS };
  for (const key of Object.keys(limits) as (keyof ApplyLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;

    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new WorkspaceApplyError(
        `limit ${key} must be a positive integer, got ${String(value)}`,
      );
    }
    limits[key] = value;
  }
  return limits;
}
