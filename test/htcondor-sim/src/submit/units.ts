import { adValueFromText } from '../classad/ad-values';
import { ClassAdSyntaxError } from '../classad/lexer';
import type { AdValue } from '../state/job-ad';
import { SubmitError } from './lines';

const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT]?)B?$/i;
const POWERS: Record<string, number> = { K: 1, M: 2, G: 3, T: 4 };

/**
 * `request_memory` (base MiB) and `request_disk` (base KiB) take binary
 * unit suffixes; anything that is not a number is a ClassAd expression.
 */
export function parseSize(
  command: string,
  raw: string,
  base: 'K' | 'M',
): AdValue {
  const m = SIZE.exec(raw.trim());
  if (m) {
    const unit = (m[2] ?? '').toUpperCase();
    const shift = unit === '' ? 0 : (POWERS[unit] ?? 0) - (POWERS[base] ?? 0);

    return Math.ceil(Number(m[1]) * 1024 ** shift);
  }

  return parseCommandExpr(command, raw);
}

/** A command whose value is an expression (requirements, periodic_remove). */
export function parseCommandExpr(command: string, raw: string): AdValue {
  try {
    return adValueFromText(raw);
  } catch (err) {
    if (!(err instanceof ClassAdSyntaxError)) throw err;
    throw new SubmitError([
      'ERROR: Parse error in expression:',
      `\t${command} = ${raw}`,
    ]);
  }
}

/** Whole seconds, as `allowed_execute_duration` and friends take them. */
export function parseInteger(command: string, raw: string): AdValue {
  const trimmed = raw.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);

  return parseCommandExpr(command, raw);
}

/** condor_submit accepts true/false, yes/no and 1/0 (any case). */
export function parseBool(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const v = raw.trim().toLowerCase();
  if (['true', 'yes', 't', 'y', '1'].includes(v)) return true;
  if (['false', 'no', 'f', 'n', '0'].includes(v)) return false;

  return fallback;
}
