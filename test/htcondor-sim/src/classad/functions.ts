import { type Value, ERROR, UNDEFINED, bool, int, isNumber, real, str, unparseValue } from './ast';
import { truth } from './operators';

type Fn = (args: Value[]) => Value;

function asString(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.t === 'str') return v.v;
  if (v.t === 'undef' || v.t === 'error') return undefined;

  return unparseValue(v);
}

function stringFn(f: (s: string) => string): Fn {
  return ([a]) => (a?.t === 'str' ? str(f(a.v)) : a?.t === 'undef' ? UNDEFINED : ERROR);
}

function splitList(s: string, delims = ' ,'): string[] {
  const re = new RegExp(`[${delims.replace(/[\]\\^-]/g, '\\$&')}]+`);

  return s.split(re).filter((x) => x !== '');
}

function listsIntersect([a, b, d]: Value[]): Value {
  if (a?.t !== 'str' || b?.t !== 'str') return a?.t === 'undef' || b?.t === 'undef' ? UNDEFINED : ERROR;
  const delims = d?.t === 'str' ? d.v : ' ,';
  const right = new Set(splitList(b.v, delims));

  return bool(splitList(a.v, delims).some((x) => right.has(x)));
}

function listMember([x, list, d]: Value[]): Value {
  if (x?.t !== 'str' || list?.t !== 'str') return UNDEFINED;

  return bool(splitList(list.v, d?.t === 'str' ? d.v : ' ,').includes(x.v));
}

function member([x, list]: Value[]): Value {
  if (!x || list?.t !== 'list') return ERROR;
  const key = JSON.stringify(x);

  return bool(list.v.some((item) => JSON.stringify(item) === key));
}

function regexp([pattern, target, options]: Value[]): Value {
  if (pattern?.t !== 'str' || target?.t !== 'str') return UNDEFINED;
  const flags = options?.t === 'str' && /i/i.test(options.v) ? 'i' : '';
  try {
    return bool(new RegExp(pattern.v, flags).test(target.v));
  } catch {
    return ERROR;
  }
}

function substr([s, offset, length]: Value[]): Value {
  if (s?.t !== 'str' || !offset || !isNumber(offset)) return ERROR;
  const start = offset.v < 0 ? s.v.length + offset.v : offset.v;
  const len = length && isNumber(length) ? length.v : undefined;

  return str(len === undefined ? s.v.slice(start) : s.v.substr(start, len));
}

function toInt([v]: Value[]): Value {
  if (!v) return ERROR;
  if (isNumber(v)) return int(v.v);
  if (v.t === 'bool') return int(v.v ? 1 : 0);
  if (v.t === 'str' && v.v.trim() !== '' && !Number.isNaN(Number(v.v))) return int(Number(v.v));

  return v.t === 'undef' ? UNDEFINED : ERROR;
}

function toReal([v]: Value[]): Value {
  const n = v && isNumber(v) ? v.v : v?.t === 'str' ? Number(v.v) : Number.NaN;
  if (!Number.isNaN(n)) return real(n);

  return v?.t === 'undef' ? UNDEFINED : ERROR;
}

function numeric(f: (n: number) => number): Fn {
  return ([v]) => (v && isNumber(v) ? int(f(v.v)) : v?.t === 'undef' ? UNDEFINED : ERROR);
}

/** The functions job expressions and constraints use in practice. */
export const FUNCTIONS: Record<string, Fn> = {
  isundefined: ([v]) => bool(v?.t === 'undef'),
  iserror: ([v]) => bool(v?.t === 'error'),
  isstring: ([v]) => bool(v?.t === 'str'),
  isinteger: ([v]) => bool(v?.t === 'int'),
  isreal: ([v]) => bool(v?.t === 'real'),
  isboolean: ([v]) => bool(v?.t === 'bool'),
  islist: ([v]) => bool(v?.t === 'list'),
  strcat: (args) => str(args.map((a) => asString(a) ?? '').join('')),
  toupper: stringFn((s) => s.toUpperCase()),
  tolower: stringFn((s) => s.toLowerCase()),
  size: ([v]) => (v?.t === 'str' || v?.t === 'list' ? int(v.v.length) : ERROR),
  substr,
  strcmp: ([a, b]) => (a?.t === 'str' && b?.t === 'str' ? int(a.v.localeCompare(b.v)) : ERROR),
  stricmp: ([a, b]) =>
    a?.t === 'str' && b?.t === 'str' ? int(a.v.toLowerCase().localeCompare(b.v.toLowerCase())) : ERROR,
  regexp,
  member,
  stringlistmember: listMember,
  stringlistsintersect: listsIntersect,
  int: toInt,
  real: toReal,
  string: ([v]) => (v && asString(v) !== undefined ? str(asString(v) ?? '') : ERROR),
  floor: numeric(Math.floor),
  ceiling: numeric(Math.ceil),
  round: numeric(Math.round),
  time: () => int(Math.floor(Date.now() / 1000)),
  bool: ([v]) => {
    const t = v ? truth(v) : 'error';
    return t === 'error' ? ERROR : t === undefined ? UNDEFINED : bool(t);
  },
};
