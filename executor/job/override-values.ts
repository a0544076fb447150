/**
 * The strict forms a pipeline may use in HTCONDOR_* variables. Unlike the
 * admin's settings, a bare number is refused: "4" could mean cores, GB or
 * MB, and a pipeline that guesses wrong should hear so, not get 4 MiB.
 */
const SIZE = /^([0-9]{1,9})(\.[0-9]{1,3})?([KMGT])(i?B)?$/i;
const POWERS: Record<string, number> = { K: 1, M: 2, G: 3, T: 4 };

/** `4GiB`, `4G`, `512MB`, `1.5T` (binary units, as HTCondor reads them). */
export function parseOverrideSize(text: string): number | undefined {
  const m = SIZE.exec(text);
  if (!m) return undefined;
  const power = POWERS[(m[3] ?? '').toUpperCase()] ?? 0;

  return Math.round(Number(`${m[1]}${m[2] ?? ''}`) * 1024 ** power);
}

const DURATION = /^([0-9]{1,6}[smhd])+$/;
const PART = /([0-9]+)([smhd])/g;
const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90m`, `2h`, `1h30m`, `3600s`. */
export function parseOverrideDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(PART)) {
    total += Number(m[1]) * (SECONDS[m[2] ?? ''] ?? 0);
  }

  return total;
}
