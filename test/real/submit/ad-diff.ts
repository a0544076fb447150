import type { JobAdJson } from '../support/condor-oracle';

/**
 * Attributes whose presence or value differs between two job ads, leaving
 * out the ones a change was meant to touch.
 */
export function diffOutside(
  ad: JobAdJson,
  baseline: JobAdJson,
  meant: string[],
): string[] {
  const names = new Set([...Object.keys(ad), ...Object.keys(baseline)]);
  return [...names]
    .filter((name) => !meant.includes(name))
    .filter((name) => JSON.stringify(ad[name]) !== JSON.stringify(baseline[name]))
    .sort();
}

/**
 * The attributes of `ad` named in `expected`, for a toEqual. Where a list
 * is expected, the attribute is read as HTCondor reads a file list: split
 * at commas, blanks around each name dropped.
 */
export function pick(
  ad: JobAdJson,
  expected: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(expected).map(([k, want]) => {
      const got = ad[k];
      const asList = Array.isArray(want) && typeof got === 'string';
      return [k, asList ? got.split(',').map((name) => name.trim()) : got];
    }),
  );
}

/** Lines of a rendered description that HTCondor reads as a queue statement. */
export function queueLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => /^\s*queue\b/i.test(line));
}
