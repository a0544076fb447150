import { type Value, ERROR, UNDEFINED, bool, int, isNumber, real } from './ast';

/** `=?=` and `=!=`: never undefined, type-strict, case-sensitive. */
export function identical(a: Value, b: Value): boolean {
  if (isNumber(a) && isNumber(b)) return a.v === b.v;
  if (a.t !== b.t) return false;
  if (a.t === 'undef' || a.t === 'error') return true;
  if (a.t === 'list' || a.t === 'rec') {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  return a.v === (b as typeof a).v;
}

export function compare(op: string, a: Value, b: Value): Value {
  if (a.t === 'error' || b.t === 'error') return ERROR;
  if (a.t === 'undef' || b.t === 'undef') return UNDEFINED;
  const order = orderOf(a, b);
  if (order === undefined) {
    if (op === '==' || op === '!=') return bool(op === '!=');
    return ERROR;
  }
  switch (op) {
    case '==':
      return bool(order === 0);
    case '!=':
      return bool(order !== 0);
    case '<':
      return bool(order < 0);
    case '>':
      return bool(order > 0);
    case '<=':
      return bool(order <= 0);
    default:
      return bool(order >= 0);
  }
}

/** Strings compare case-insensitively with `==` and friends. */
function orderOf(a: Value, b: Value): number | undefined {
  const x = scalar(a);
  const y = scalar(b);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') {
    const l = x.toLowerCase();
    const r = y.toLowerCase();
    return l < r ? -1 : l > r ? 1 : 0;
  }

  return undefined;
}

function scalar(v: Value): number | string | undefined {
  if (isNumber(v)) return v.v;
  if (v.t === 'bool') return v.v ? 1 : 0;
  if (v.t === 'str') return v.v;

  return undefined;
}

export function arithmetic(op: string, a: Value, b: Value): Value {
  if (a.t === 'undef' || b.t === 'undef') return UNDEFINED;
  const x = scalar(a);
  const y = scalar(b);
  if (typeof x !== 'number' || typeof y !== 'number') return ERROR;
  const realResult = a.t === 'real' || b.t === 'real';
  if (op === '+') return realResult ? real(x + y) : int(x + y);
  if (op === '-') return realResult ? real(x - y) : int(x - y);
  if (op === '*') return realResult ? real(x * y) : int(x * y);
  if (y === 0) return ERROR;
  if (op === '/') return realResult ? real(x / y) : int(x / y);

  return realResult ? real(x % y) : int(x % y);
}

/** ClassAd three-valued logic: false && undefined is false. */
export function logical(op: string, a: Value, b: () => Value): Value {
  const left = truth(a);
  if (op === '&&' && left === false) return bool(false);
  if (op === '||' && left === true) return bool(true);
  const right = truth(b());
  if (left === 'error' || right === 'error') return ERROR;
  if (op === '&&') {
    if (right === false) return bool(false);
    return left === undefined || right === undefined ? UNDEFINED : bool(true);
  }
  if (right === true) return bool(true);

  return left === undefined || right === undefined ? UNDEFINED : bool(false);
}

export function truth(v: Value): boolean | undefined | 'error' {
  if (v.t === 'bool') return v.v;
  if (isNumber(v)) return v.v !== 0;
  if (v.t === 'undef') return undefined;

  return 'error';
}

export function unary(op: string, v: Value): Value {
  if (op === '!') {
    const t = truth(v);
    return t === 'error' ? ERROR : t === undefined ? UNDEFINED : bool(!t);
  }
  if (v.t === 'undef') return UNDEFINED;
  if (!isNumber(v)) return ERROR;
  const n = op === '-' ? -v.v : v.v;

  return v.t === 'real' ? real(n) : int(n);
}
