import { describeMs, percentile } from './stats';

/**
 * One measured figure: the ratio that the target is written in, whether it
 * meets the target, and the raw numbers it came from.
 */
export interface Figure {
  name: string;
  /** The value compared with the target, in the target's own unit. */
  value: number;
  unit: string;
  target: Target;
  /** What the ratio is taken against, e.g. "node -e 0". */
  baseline: string;
  ratio: number;
  raw: string[];
}

export interface Target {
  /** `max`: value must not exceed `limit`; `min`: must reach it. */
  kind: 'max' | 'min' | 'none';
  limit: number;
  text: string;
}

export function meets(f: Figure): boolean | undefined {
  if (f.target.kind === 'none') return undefined;

  return f.target.kind === 'max'
    ? f.value <= f.target.limit
    : f.value >= f.target.limit;
}

export function atMost(limit: number, text: string): Target {
  return { kind: 'max', limit, text };
}

export function atLeast(limit: number, text: string): Target {
  return { kind: 'min', limit, text };
}

export function noTarget(text = 'none set'): Target {
  return { kind: 'none', limit: 0, text };
}

/** A median and a p99 figure for one set of latencies. */
export function latencyFigures(
  name: string,
  ms: readonly number[],
  medianLimit: number,
  p99Limit: number,
): Figure[] {
  const raw = [describeMs(ms)];
  const at = (p: number, limit: number): Figure => {
    const value = percentile(ms, p);
    const label = p === 50 ? 'median' : `p${p}`;
    return {
      name: `${name} (${label})`,
      value,
      unit: 'ms',
      target: atMost(limit, `${label} <= ${limit} ms`),
      baseline: `the ${limit} ms target`,
      ratio: value / limit,
      raw,
    };
  };

  return [at(50, medianLimit), at(99, p99Limit)];
}

export function formatFigure(f: Figure): string {
  const verdict = { true: 'ok  ', false: 'MISS', undefined: '--  ' };
  const value = `${round(f.value)} ${f.unit}`.trim();
  const lines = [
    `${verdict[String(meets(f)) as keyof typeof verdict]} ${f.name}: ` +
      `${round(f.ratio)}x ${f.baseline} | ${value} (target ${f.target.text})`,
    ...f.raw.map((line) => `       ${line}`),
  ];

  return lines.join('\n');
}

export function formatSummary(figures: readonly Figure[]): string {
  const judged = figures.filter((f) => meets(f) !== undefined);
  const missed = judged.filter((f) => meets(f) === false);
  const names = missed.map((f) => `  - ${f.name}`);

  return [
    `${judged.length - missed.length} of ${judged.length} targets met`,
    ...(missed.length > 0 ? ['missed:', ...names] : []),
  ].join('\n');
}

function round(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return x.toFixed(0);

  return Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}
