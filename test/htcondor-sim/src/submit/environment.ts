import { splitV2, unwrapDoubleQuoted } from './arguments';
import { SubmitError } from './lines';

export type EnvMap = Record<string, string>;

/**
 * `environment` in the new syntax (`"A=1 B='x y'"`) or the old one
 * (`A=1;B=2`), as htcondor-jdl.rst describes.
 */
export function parseEnvironment(raw: string): EnvMap {
  const inner = unwrapDoubleQuoted(raw, 'environment');
  const entries =
    inner === undefined ? raw.split(';') : splitV2(inner, 'environment');
  const env: EnvMap = {};
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      throw new SubmitError([
        `ERROR: Invalid environment entry "${entry}": expected NAME=value`,
      ]);
    }
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }

  return env;
}

/** `getenv = true` or a list of names and globs, `!` excluding (8.9.7+). */
export function selectGetenv(spec: string, from: NodeJS.ProcessEnv): EnvMap {
  const trimmed = spec.trim();
  if (/^(false|no)$/i.test(trimmed)) return {};
  const all = /^(true|yes)$/i.test(trimmed);
  const patterns = all ? ['*'] : trimmed.split(/[\s,]+/).filter(Boolean);
  const globs = (negated: boolean) =>
    patterns
      .filter((p) => p.startsWith('!') === negated)
      .map((p) => globToRegExp(negated ? p.slice(1) : p));
  const include = globs(false);
  const exclude = globs(true);
  const env: EnvMap = {};
  for (const [name, value] of Object.entries(from)) {
    const wanted = include.some((re) => re.test(name));
    if (value !== undefined && wanted && !exclude.some((re) => re.test(name))) {
      env[name] = value;
    }
  }

  return env;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  const body = escaped.replace(/\*/g, '.*').replace(/\?/g, '.');

  return new RegExp(`^${body}$`, 'i');
}

/** The new-syntax text stored in the `Environment` attribute. */
export function formatEnvironment(env: EnvMap): string {
  const quote = (v: string) =>
    /[\s'"]/.test(v) || v === '' ? `'${v.replace(/'/g, "''")}'` : v;

  return Object.entries(env)
    .map(([name, value]) => `${name}=${quote(value)}`)
    .join(' ');
}

export function environmentOfAd(ad: { Environment?: unknown; Env?: unknown }) {
  if (typeof ad.Environment === 'string') {
    return parseEnvironment(`"${ad.Environment.replace(/"/g, '""')}"`);
  }

  return typeof ad.Env === 'string' ? parseEnvironment(ad.Env) : {};
}
