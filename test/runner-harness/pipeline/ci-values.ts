/**
 * Reading loosely typed YAML values into the shapes the pipeline needs,
 * collecting every problem instead of stopping at the first.
 */
import { JobVariable } from '../types';

export class Problems {
  readonly list: string[] = [];

  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }

  throwIfAny(file: string): void {
    if (this.list.length > 0) {
      const lines = this.list.map((p) => `  - ${p}`).join('\n');
      throw new Error(`${file} cannot run in the runner harness:\n${lines}`);
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  where: string,
  problems: Problems,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const known = allowed.join(', ');
      problems.add(where, `key "${key}" is not supported (known: ${known})`);
    }
  }
}

/** A string or a list of strings; nested lists are flattened as GitLab does. */
export function readScript(
  value: unknown,
  where: string,
  problems: Problems,
): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const flat = Array.isArray(value) ? value.flat(9) : [value];
  if (!flat.every((line) => typeof line === 'string')) {
    problems.add(where, 'must be a string or a list of strings');
    return undefined;
  }
  return flat as string[];
}

export function readVariables(
  value: unknown,
  where: string,
  problems: Problems,
): JobVariable[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!isRecord(value)) {
    problems.add(where, 'must be a map of names to values');
    return [];
  }
  return Object.entries(value).flatMap(([key, raw]) => {
    const variable = readVariable(key, raw);
    if (!variable) {
      const shapes = 'a string, a number or {value, description, expand}';
      problems.add(`${where}.${key}`, `must be ${shapes}`);
    }
    return variable ? [variable] : [];
  });
}

const VARIABLE_KEYS = ['value', 'description', 'expand'];

function readVariable(key: string, raw: unknown): JobVariable | undefined {
  if (isScalar(raw)) {
    return { key, value: String(raw), public: true };
  }
  if (!isRecord(raw) || !isScalar(raw.value)) {
    return undefined;
  }
  if (Object.keys(raw).some((k) => !VARIABLE_KEYS.includes(k))) {
    return undefined;
  }
  const value = String(raw.value);
  return { key, value, public: true, raw: raw.expand === false };
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** Later definitions of a name replace earlier ones, keeping first position. */
export function mergeVariables(...lists: JobVariable[][]): JobVariable[] {
  const merged = new Map<string, JobVariable>();
  for (const variable of lists.flat()) {
    merged.set(variable.key, variable);
  }
  return [...merged.values()];
}
