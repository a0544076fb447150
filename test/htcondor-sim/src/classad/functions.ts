import * as ast from './ast';
import { type Value, ERROR, UNDEFINED, bool, int, isNumber, str } from './ast';
import { truth } from './operators';

type Fn = (args: Value[]) => Value;

/** Undefined arguments give undefined, wrong types give error. */
function failure(...args: (Value | undefined)[]): Value {
  return args.some((a) => a?.t === 'undef') ? UNDEFINED : ERROR;
}

function asString(v: Value | undefined): string | undefined {
  if (!v || v.t === 'undef' || v.t === 'error') return undefined;

  return v.t === 'str' ? v.v : ast.unparseValue(v);
}

function stringFn(f: (s: string) => string): Fn {
  return ([a]) => (a?.t === 'str' ? str(f(a.v)) : failure(a));
}

function numeric(f: (n: number) => number): Fn {
  return ([v]) => (v && isNumber(v) ? int(f(v.v)) : failure(v));
}

function compareStrings(fold: (s: string) => string): Fn {
  return ([a, b]) => {
    if (a?.t !== 'str' || b?.t !== 'str') return failure(a, b);
    return int(fold(a.v).localeCompare(fold(b.v)));
  };
}

function splitList(s: string, delims = ' ,'): string[] {
  const re = new RegExp(`[${delims.replace(/[\]\\^-]/g, '\\$&')}]+`);

  return s.split(re).filter((x) => x !== '');
}

function listsIntersect([a, b, d]: Value[]): Value {
  if (a?.t !== 'str' || b?.t !== 'str') return failure(a, b);
  const delims = d?.t === 'str' ? d.v : ' ,';
  const right = new Set(splitList(b.v, delims));

  return bool(splitList(a.v, delims).some((x) => right.has(x)));
}

function listMember([x, list, d]: Value[]): Value {
  if (x?.t !== 'str' || list?.t !== 'str') return UNDEFINED;
  const delims = d?.t === 'str' ? d.v : ' ,';

  return bool(splitList(list.v, delims).includes(x.v));
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
  if (s?.t !== 'str' || !offset || !isNumber(offset)) return failure(s);
  const start = offset.v < 0 ? s.v.length + offset.v : offset.v;
  if (!length || !isNumber(length)) return str(s.v.slice(start));

  return str(s.v.substr(start, length.v));
}

function toNumber(v: Value | undefined): number {
  if (!v) return Number.NaN;
  if (isNumber(v)) return v.v;
  if (v.t === 'bool') return v.v ? 1 : 0;

  return v.t === 'str' && v.v.trim() !== '' ? Number(v.v) : Number.NaN;
}

function toInt([v]: Value[]): Value {
  const n = toNumber(v);

  return Number.isNaN(n) ? failure(v) : int(n);
}

function toReal([v]: Value[]): Value {
  const n = toNumber(v);

  return Number.isNaN(n) ? failure(v) : ast.real(n);
}

function toBool([v]: Value[]): Value {
  const t = v ? truth(v) : 'error';
  if (t === 'error') return ERROR;

  return t === undefined ? UNDEFINED : bool(t);
}

const is = (type: Value['t']): Fn => ([v]) => bool(v?.t === type);

/** The functions job expressions and constraints use in practice. */
export const FUNCTIONS: Record<string, Fn> = {
  isundefined: is('undef'),
  iserror: is('error'),
  isstring: is('str'),
  isinteger: is('int'),
  isreal: is('real'),
  isboolean: is('bool'),
  islist: is('list'),
  strcat: (args) => str(args.map((a) => asString(a) ?? '').join('')),
  toupper: stringFn((s) => s.toUpperCase()),
  tolower: stringFn((s) => s.toLowerCase()),
  size: ([v]) => (v?.t === 'str' || v?.t === 'list' ? int(v.v.length) : ERROR),
  substr,
  strcmp: compareStrings((s) => s),
  stricmp: compareStrings((s) => s.toLowerCase()),
  regexp,
  member,
  stringlistmember: listMember,
  stringlistsintersect: listsIntersect,
  int: toInt,
  real: toReal,
  bool: toBool,
  string: ([v]) => {
    const s = asString(v);
    return s === undefined ? failure(v) : str(s);
  },
  floor: numeric(Math.floor),
  ceiling: numeric(Math.ceil),
  round: numeric(Math.round),
  time: () => int(Math.floor(Date.now() / 1000)),
};
