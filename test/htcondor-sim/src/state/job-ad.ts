/** A ClassAd expression kept as text, e.g. `Requirements`. */
export interface ExprValue {
  $expr: string;
}

/** One attribute value as stored on disk (JSON). `null` is `undefined`. */
export type AdValue =
  | string
  | number
  | boolean
  | null
  | ExprValue
  | AdValue[]
  | { [key: string]: AdValue };

/** A job ClassAd with HTCondor's attribute names. */
export type JobAd = Record<string, AdValue>;

/** JobStatus codes (docs/codes-other-values/job-status-codes.rst). */
export const JobStatus = {
  Idle: 1,
  Running: 2,
  Removed: 3,
  Completed: 4,
  Held: 5,
  Suspended: 7,
} as const;

export interface JobId {
  cluster: number;
  proc: number;
}

export function isExpr(value: AdValue | undefined): value is ExprValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as ExprValue).$expr === 'string'
  );
}

export function expr(text: string): ExprValue {
  return { $expr: text };
}

export function jobIdOf(ad: JobAd): JobId {
  return { cluster: Number(ad.ClusterId), proc: Number(ad.ProcId) };
}

export function formatJobId(id: JobId): string {
  return `${id.cluster}.${id.proc}`;
}

/** ClassAd attribute names are case-insensitive. */
export function lookupAttr(ad: JobAd, name: string): AdValue | undefined {
  if (name in ad) return ad[name];
  const lower = name.toLowerCase();
  const key = Object.keys(ad).find((k) => k.toLowerCase() === lower);

  return key === undefined ? undefined : ad[key];
}

/** Sets an attribute, keeping the spelling of an existing one. */
export function setAttr(ad: JobAd, name: string, value: AdValue): void {
  const lower = name.toLowerCase();
  const key = Object.keys(ad).find((k) => k.toLowerCase() === lower);
  ad[key ?? name] = value;
}

export function deleteAttr(ad: JobAd, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(ad)) {
    if (key.toLowerCase() === lower) delete ad[key];
  }
}

export function stringAttr(ad: JobAd, name: string): string | undefined {
  const value = lookupAttr(ad, name);

  return typeof value === 'string' ? value : undefined;
}

export function numberAttr(ad: JobAd, name: string): number | undefined {
  const value = lookupAttr(ad, name);

  return typeof value === 'number' ? value : undefined;
}

export function boolAttr(ad: JobAd, name: string): boolean | undefined {
  const value = lookupAttr(ad, name);

  return typeof value === 'boolean' ? value : undefined;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
