/** `parallel`, `needs` and `allow_failure` of one job. */
import { NeedSpec } from './ci-types';
import { checkKeys, isRecord, Problems } from './ci-values';

export function readParallel(
  value: unknown,
  name: string,
  problems: Problems,
): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const valid =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= 200;
  if (!valid) {
    problems.add(
      `${name}.parallel`,
      'must be a whole number from 1 to 200 (matrix is not supported)',
    );
    return undefined;
  }
  return value;
}

export function readNeeds(
  value: unknown,
  name: string,
  problems: Problems,
): NeedSpec[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(`${name}.needs`, 'must be a list');
    return undefined;
  }
  return value.flatMap((entry: unknown) => {
    if (typeof entry === 'string') {
      return [{ job: entry, artifacts: true }];
    }
    if (isRecord(entry) && typeof entry.job === 'string') {
      checkKeys(entry, ['job', 'artifacts'], `${name}.needs`, problems);
      return [{ job: entry.job, artifacts: entry.artifacts !== false }];
    }
    problems.add(
      `${name}.needs`,
      'entries must be job names or {job, artifacts}',
    );
    return [];
  });
}

export function readAllowFailure(
  value: unknown,
  name: string,
  problems: Problems,
): boolean | { exitCodes: number[] } {
  if (value === undefined || typeof value === 'boolean') {
    return value ?? false;
  }
  if (isRecord(value)) {
    checkKeys(value, ['exit_codes'], `${name}.allow_failure`, problems);
    const codes = ([] as unknown[]).concat(value.exit_codes);
    if (codes.every((c) => Number.isInteger(c))) {
      return { exitCodes: codes as number[] };
    }
  }
  problems.add(
    `${name}.allow_failure`,
    'must be true, false or {exit_codes: N | [N, ...]}',
  );
  return false;
}
