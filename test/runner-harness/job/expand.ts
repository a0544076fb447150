/**
 * `$VAR`, `${VAR}` and `$$` expansion the way the runner applies it to
 * variable values before handing them to the driver and the scripts.
 */
import { JobVariable } from '../types';

const REFERENCE = /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;

export function expandValue(
  value: string,
  lookup: (key: string) => string | undefined,
): string {
  const replace = (
    _match: string,
    whole: string,
    braced?: string,
    bare?: string,
  ): string => (whole === '$' ? '$' : (lookup(braced ?? bare ?? '') ?? ''));
  return value.replace(REFERENCE, replace);
}

/** One pass against the unexpanded values; the last definition wins. */
export function expandVariables(variables: JobVariable[]): JobVariable[] {
  const raw = new Map(variables.map((v) => [v.key, v.value]));
  const lookup = (key: string): string | undefined => raw.get(key);
  return variables.map((v) =>
    v.raw ? v : { ...v, value: expandValue(v.value, lookup) },
  );
}
