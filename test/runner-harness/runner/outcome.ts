/** How a job ended, before it is turned into GitLab's record. */
import { StageResult } from '../process/exit-mapping';

export type JobOutcome =
  | { kind: 'success' }
  | { kind: 'build_failure'; exitCode: number }
  | { kind: 'system_failure'; message: string }
  | { kind: 'timeout' }
  | { kind: 'canceled' };

export const SUCCESS: JobOutcome = { kind: 'success' };

export function outcomeOf(result: StageResult): JobOutcome {
  return result.kind === 'ok' ? SUCCESS : result;
}

export function describeFailure(outcome: JobOutcome): string {
  switch (outcome.kind) {
    case 'build_failure':
      return `exit code ${outcome.exitCode}`;
    case 'system_failure':
      return outcome.message;
    default:
      return outcome.kind;
  }
}
