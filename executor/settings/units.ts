const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)(B?)\s*$/i;
const POWERS: Record<string, number> = { '': 0, K: 1, M: 2, G: 3, T: 4 };

/**
 * Parses a size such as `2GiB`, `2G`, `512MB` or `2048M`. Units are binary
 * (as HTCondor reads them); a bare number is taken in `bareUnit`.
 */
export function parseSize(text: string, bareUnit: 'M' | 'K' = 'M'): number {
  const m = SIZE.exec(text);
  if (!m) throw new Error(`not a size: ${JSON.stringify(text)}`);

  const unit = (m[2] ?? '').toUpperCase() || bareUnit;
  const value = Number(m[1]) * 1024 ** (POWERS[unit] ?? 0);

  return Math.round(value);
}

export function toMiB(bytes: number): number {
  return Math.ceil(bytes / 1024 ** 2);
}

export function toKiB(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

const DURATION_PART = /(\d+)\s*([smhd])/g;
const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `90s`, `5m`, `1h30m`; a bare integer is seconds. */
export function parseDuration(text: string): number {
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  if (!/^\s*(\d+\s*[smhd]\s*)+$/.test(text)) {
    throw new Error(`not a duration: ${JSON.stringify(text)}`);
  }

  let total = 0;
  for (const m of text.matchAll(DURATION_PART)) {
    total += Number(m[1]) * (SECONDS[m[2] ?? 's'] ?? 1);
  }

  return total;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;

  return `${Math.floor(s / 3600)}h${pad(Math.floor(s / 60) % 60)}m`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
