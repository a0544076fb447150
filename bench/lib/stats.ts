/** Order statistics over repeated measurements; inputs are never empty. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The nearest-rank percentile: with fewer than 100 samples p99 is the
 * largest one, which is the honest reading of a small run.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);

  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** `median 41.2 ms (p10 38.0, p90 55.1, n=40)` */
export function describeMs(values: readonly number[]): string {
  const f = (x: number) => x.toFixed(1);

  return (
    `median ${f(median(values))} ms ` +
    `(p10 ${f(percentile(values, 10))}, p90 ${f(percentile(values, 90))}, ` +
    `n=${values.length})`
  );
}
