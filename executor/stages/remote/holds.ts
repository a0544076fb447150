import type { CondorEvent } from '../../condor/event-log';

/**
 * What a hold means for the CI job. A job that asked for too little is the
 * pipeline's to fix (build failure naming the variable to raise); transfer,
 * scratch, process-start, container and credential problems are the
 * infrastructure's (system failure, so `retry: runner_system_failure` works).
 */
export type HoldVerdict =
  | { kind: 'too-little'; limit: 'memory' | 'disk' | 'runtime'; variable: string; exitCode: number }
  | { kind: 'infrastructure' }
  | { kind: 'unknown' };

/** BUILD_EXIT_CODE_FILE values for jobs stopped at a limit (documented). */
export const LIMIT_EXIT_CODES = { memory: 137, disk: 153, runtime: 124 } as const;

const INFRASTRUCTURE_CODES = new Set([4, 6, 12, 13, 14, 35, 45]);

/** The hold fields of a 012 event, or of a job ad read from the schedd. */
export type HoldInfo = Pick<CondorEvent, 'holdCode' | 'holdSubcode' | 'holdReason'>;

export function judgeHold(event: HoldInfo): HoldVerdict {
  const code = event.holdCode ?? 0;
  const reason = (event.holdReason ?? '').toLowerCase();
  if (code === 34 || ((code === 21 || code === 26) && /memory/.test(reason))) {
    return tooLittle('memory', 'HTCONDOR_MEMORY');
  }
  if ((code === 21 || code === 26) && /disk/.test(reason)) return tooLittle('disk', 'HTCONDOR_DISK');
  if (code === 46 || code === 47 || ((code === 21 || code === 26) && /time|duration/.test(reason))) {
    return tooLittle('runtime', 'the CI job timeout');
  }
  if (INFRASTRUCTURE_CODES.has(code)) return { kind: 'infrastructure' };

  return { kind: 'unknown' };
}

function tooLittle(limit: 'memory' | 'disk' | 'runtime', variable: string): HoldVerdict {
  return { kind: 'too-little', limit, variable, exitCode: LIMIT_EXIT_CODES[limit] };
}

export function describeHold(event: HoldInfo): string {
  const reason = event.holdReason?.trim() || 'no reason given';

  return `${reason} (HoldReasonCode ${event.holdCode ?? '?'}, subcode ${event.holdSubcode ?? '?'})`;
}
