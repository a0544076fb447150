import { type AdValue, type JobAd, isExpr, lookupAttr } from '../state/job-ad';
import { type Node, type Value, ERROR, UNDEFINED, bool, int, real, str } from './ast';
import { FUNCTIONS } from './functions';
import { arithmetic, compare, identical, logical, truth, unary } from './operators';
import { parseExpression } from './parser';

/** Deep enough for real job ads, shallow enough to stop self-references. */
const MAX_DEPTH = 32;

export function evaluateText(text: string, ad: JobAd): Value {
  return evaluate(parseExpression(text), ad, 0);
}

/** Evaluates an attribute of `ad` the way `condor_q -af` does. */
export function evaluateAttr(ad: JobAd, name: string): Value {
  return fromAdValue(lookupAttr(ad, name), ad, 0);
}

/** True only when the expression evaluates to true (constraints, policies). */
export function matches(text: string, ad: JobAd): boolean {
  return truth(evaluateText(text, ad)) === true;
}

export function fromAdValue(value: AdValue | undefined, ad: JobAd, depth: number): Value {
  if (value === undefined || value === null) return UNDEFINED;
  if (typeof value === 'boolean') return bool(value);
  if (typeof value === 'number') return Number.isInteger(value) ? int(value) : real(value);
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return { t: 'list', v: value.map((v) => fromAdValue(v, ad, depth)) };
  if (isExpr(value)) {
    if (depth > MAX_DEPTH) return ERROR;
    try {
      return evaluate(parseExpression(value.$expr), ad, depth + 1);
    } catch {
      return ERROR;
    }
  }
  const rec: Record<string, Value> = {};
  for (const [k, v] of Object.entries(value)) rec[k] = fromAdValue(v, ad, depth);

  return { t: 'rec', v: rec };
}

function evaluate(node: Node, ad: JobAd, depth: number): Value {
  const ev = (n: Node) => evaluate(n, ad, depth);
  switch (node.type) {
    case 'lit':
      return node.value;
    case 'attr':
      return node.scope === 'target' ? UNDEFINED : fromAdValue(lookupAttr(ad, node.name), ad, depth + 1);
    case 'unary':
      return unary(node.op, ev(node.arg));
    case 'binary':
      return binary(node.op, ev(node.left), () => ev(node.right));
    case 'cond':
      return conditional(ev(node.test), () => ev(node.then), () => ev(node.else));
    case 'call':
      return call(node.name, node.args, ev);
    case 'list':
      return { t: 'list', v: node.items.map(ev) };
    case 'record':
      return { t: 'rec', v: Object.fromEntries(node.fields.map(([k, n]) => [k, ev(n)])) };
    case 'select':
      return select(ev(node.base), node.name);
  }
}

function binary(op: string, left: Value, right: () => Value): Value {
  if (op === '&&' || op === '||') return logical(op, left, right);
  if (op === '=?=') return bool(identical(left, right()));
  if (op === '=!=') return bool(!identical(left, right()));
  if (['==', '!=', '<', '>', '<=', '>='].includes(op)) return compare(op, left, right());

  return arithmetic(op, left, right());
}

function conditional(test: Value, then: () => Value, otherwise: () => Value): Value {
  const t = truth(test);
  if (t === 'error') return ERROR;
  if (t === undefined) return UNDEFINED;

  return t ? then() : otherwise();
}

function call(name: string, args: Node[], ev: (n: Node) => Value): Value {
  const lower = name.toLowerCase();
  if (lower === 'ifthenelse') {
    const [test, then, otherwise] = args;
    if (!test || !then || !otherwise) return ERROR;
    return conditional(ev(test), () => ev(then), () => ev(otherwise));
  }
  if (lower === '__index') return index(args.map(ev));
  const fn = FUNCTIONS[lower];

  return fn ? fn(args.map(ev)) : ERROR;
}

function index([base, i]: Value[]): Value {
  if (base?.t === 'list' && i?.t === 'int') return base.v[i.v] ?? ERROR;
  if (base?.t === 'rec' && i?.t === 'str') return select(base, i.v);

  return ERROR;
}

function select(base: Value, name: string): Value {
  if (base.t !== 'rec') return base.t === 'undef' ? UNDEFINED : ERROR;
  const key = Object.keys(base.v).find((k) => k.toLowerCase() === name.toLowerCase());

  return key === undefined ? UNDEFINED : (base.v[key] ?? UNDEFINED);
}
