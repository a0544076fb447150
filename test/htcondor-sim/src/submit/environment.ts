import { SubmitError } from './lines';
import { splitV2, unwrapDoubleQuoted } from './arguments';

export type EnvMap = Record<string, string>;

/**
 * `environment` in the new syntax (`"A=1 B='x y'"`) or the old one
 * (`A=1;B=2`), as htcondor-jdl.rst describes.
 */
export function parseEnvironment(raw: string): EnvMap {
  const inner = unwrapDoubleQuoted(raw, 'environment');
  const entries = inner !== undefined ? splitV2(inner, 'environment') : raw.split(';');
  const env: EnvMap = {};
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new SubmitError([`ERROR: Invalid environment entry "${entry}": expected NAME=value`]);
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }

  return env;
}

/** `getenv = true` or a list of names and globs, `!` excluding (8.9.7+). */
export function selectGetenv(spec: string, from: NodeJS.ProcessEnv): EnvMap {
  if (/^(false|no)$/i.test(spec.trim())) return {};
  const patterns = /^(true|yes)$/i.test(spec.trim()) ? ['*'] : spec.split(/[\s,]+/).filter(Boolean);
  const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
  const env: EnvMap = {};
  for (const [name, value] of Object.entries(from)) {
    if (value === undefined) continue;
    if (include.some((re) => re.test(name)) && !exclude.some((re) => re.test(name))) env[name] = value;
  }

  return env;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');

  return new RegExp(`^${body}$`, 'i');
}

/** The new-syntax text stored in the `Environment` attribute. */
export function formatEnvironment(env: EnvMap): string {
  return Object.entries(env)
    .map(([name, value]) => `${name}=${/[\s'"]/.test(value) || value === '' ? `'${value.replace(/'/g, "''")}'` : value}`)
    .join(' ');
}

export function environmentOfAd(ad: { Environment?: unknown; Env?: unknown }): EnvMap {
  if (typeof ad.Environment === 'string') return parseEnvironment(`"${ad.Environment.replace(/"/g, '""')}"`);
  if (typeof ad.Env === 'string') return parseEnvironment(ad.Env);

  return {};
}
