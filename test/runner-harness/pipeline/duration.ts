/**
 * GitLab's `timeout:` values: a number of seconds or a human duration such
 * as "1h 30m", "10 minutes" or "3600 seconds".
 */

const UNITS: [RegExp, number][] = [
  [/^(d|days?)$/, 86400],
  [/^(h|hrs?|hours?)$/, 3600],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(s|secs?|seconds?)$/, 1],
];

export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value > 0 ? value : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) {
    return Number(text) || undefined;
  }

  let total = 0;
  const words = text.replace(/\band\b|,/g, ' ');
  const parts = words.matchAll(/(\d+)\s*([a-z]+)|(\S+)/g);
  for (const [, amount, unit] of parts) {
    const factor = UNITS.find(([pattern]) => pattern.test(unit ?? ''))?.[1];
    if (amount === undefined || factor === undefined) {
      return undefined;
    }
    total += Number(amount) * factor;
  }
  return total > 0 ? total : undefined;
}
