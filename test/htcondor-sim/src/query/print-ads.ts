import { formatForAutoformat, unparseAdValue } from '../classad/ad-values';
import { evaluateAttr } from '../classad/evaluate';
import { type AdValue, type JobAd, isExpr, lookupAttr } from '../state/job-ad';

const lower = (s: string) => s.toLowerCase();
const byName = (a: string, b: string) => lower(a).localeCompare(lower(b));

/** Keeps only the named attributes (`-attributes`), in the ad's spelling. */
export function project(ad: JobAd, attrs: string[] | undefined): JobAd {
  if (!attrs) return ad;
  const out: JobAd = {};
  for (const name of attrs) {
    const key = Object.keys(ad).find((k) => lower(k) === lower(name));
    if (key !== undefined) out[key] = ad[key] ?? null;
  }

  return out;
}

/**
 * `-json` like condor_q: an array of ads with keys in case-insensitive
 * order, expressions as "\/Expr(...)\/" strings, and nothing at all when
 * no ad matched.
 */
export function formatJson(ads: JobAd[]): string {
  if (ads.length === 0) return '';

  return `[\n${ads.map((ad) => formatJsonAd(ad, '')).join('\n,\n')}\n]\n`;
}

function formatJsonAd(ad: JobAd, indent: string): string {
  const keys = Object.keys(ad).sort(byName);
  if (keys.length === 0) return '{ }';
  const inner = `${indent}  `;
  const body = keys.map((k) => {
    const value = formatJsonValue(ad[k] ?? null, inner);
    return `${inner}${JSON.stringify(k)}: ${value}`;
  });

  return `{\n${body.join(',\n')}\n${indent}}`;
}

function formatJsonValue(value: AdValue, indent: string): string {
  if (isExpr(value)) {
    return `"\\/Expr(${JSON.stringify(value.$expr).slice(1, -1)})\\/"`;
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => formatJsonValue(v, indent)).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return formatJsonAd(value, indent);
  }

  return JSON.stringify(value);
}

/** `-long`: `Attr = value` lines, a blank line after each ad. */
export function formatLong(ads: JobAd[]): string {
  const adText = (ad: JobAd) =>
    Object.entries(ad)
      .map(([k, v]) => `${k} = ${unparseAdValue(v)}\n`)
      .join('');

  return ads.map((ad) => `${adText(ad)}\n`).join('');
}

function separatorOf(qualifiers: string): string {
  if (qualifiers.includes(',')) return ',';
  if (qualifiers.includes('t')) return '\t';

  return qualifiers.includes('n') ? '\n' : ' ';
}

/** `-af[:qualifiers] A B`: evaluated values, `undefined` when missing. */
export function formatAutoformat(
  ads: JobAd[],
  attrs: string[],
  qualifiers: string,
): string {
  const sep = separatorOf(qualifiers);
  const line = (ad: JobAd) => {
    const values = attrs.map((a) => autoformatValue(ad, a, qualifiers));
    const labelled = qualifiers.includes('l')
      ? values.map((v, i) => `${attrs[i]} = ${v}`)
      : values;
    const id = qualifiers.includes('j') ? `${ad.ClusterId}.${ad.ProcId} ` : '';
    return `${id}${labelled.join(sep)}\n`;
  };

  return ads.map(line).join('');
}

function autoformatValue(ad: JobAd, attr: string, qualifiers: string): string {
  const raw = lookupAttr(ad, attr);
  if (qualifiers.includes('r') && raw !== undefined) return unparseAdValue(raw);

  return formatForAutoformat(evaluateAttr(ad, attr), qualifiers.includes('V'));
}
