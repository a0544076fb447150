import { type AdValue, type JobAd, isExpr, lookupAttr } from '../state/job-ad';
import * as ast from './ast';
import { type Node, type Value, ERROR, UNDEFINED } from './ast';
import { FUNCTIONS } from './functions';
import * as op from './operators';
import { parseExpression } from './parser';

/** Deep enough for real job ads, shallow enough to stop self-references. */
const MAX_DEPTH = 32;
const COMPARISONS = ['==', '!=', '<', '>', '<=', '>='];

export function evaluateText(text: string, ad: JobAd): Value {
  return evaluate(parseExpression(text), ad, 0);
}

/** Evaluates an attribute of `ad` the way `condor_q -af` does. */
export function evaluateAttr(ad: JobAd, name: string): Value {
  return fromAdValue(lookupAttr(ad, name), ad, 0);
}

/** True only when the expression evaluates to true (constraints, policies). */
export function matches(text: string, ad: JobAd): boolean {
  return op.truth(evaluateText(text, ad)) === true;
}

export function fromAdValue(
  value: AdValue | undefined,
  ad: JobAd,
  depth: number,
): Value {
  if (value === undefined || value === null) return UNDEFINED;
  if (typeof value === 'boolean') return ast.bool(value);
  if (typeof value === 'number') {
    return Number.isInteger(value) ? ast.int(value) : ast.real(value);
  }
  if (typeof value === 'string') return ast.str(value);
  if (Array.isArray(value)) {
    return { t: 'list', v: value.map((v) => fromAdValue(v, ad, depth)) };
  }
  if (isExpr(value)) return evaluateStored(value.$expr, ad, depth);
  const rec: Record<string, Value> = {};
  for (const [k, v] of Object.entries(value)) {
    rec[k] = fromAdValue(v, ad, depth);
  }

  return { t: 'rec', v: rec };
}

function evaluateStored(text: string, ad: JobAd, depth: number): Value {
  if (depth > MAX_DEPTH) return ERROR;
  try {
    return evaluate(parseExpression(text), ad, depth + 1);
  } catch {
    return ERROR;
  }
}

function evaluate(node: Node, ad: JobAd, depth: number): Value {
  const ev = (n: Node) => evaluate(n, ad, depth);
  switch (node.type) {
    case 'lit':
      return node.value;
    case 'attr':
      if (node.scope === 'target') return UNDEFINED;
      return fromAdValue(lookupAttr(ad, node.name), ad, depth + 1);
    case 'unary':
      return op.unary(node.op, ev(node.arg));
    case 'binary':
      return binary(node.op, ev(node.left), () => ev(node.right));
    case 'cond':
      return conditional(
        ev(node.test),
        () => ev(node.then),
        () => ev(node.else),
      );
    case 'call':
      return call(node.name, node.args, ev);
    case 'list':
      return { t: 'list', v: node.items.map(ev) };
    case 'record':
      return record(node.fields, ev);
    case 'select':
      return select(ev(node.base), node.name);
  }
}

function binary(operator: string, left: Value, right: () => Value): Value {
  if (operator === '&&' || operator === '||') {
    return op.logical(operator, left, right);
  }
  if (operator === '=?=') return ast.bool(op.identical(left, right()));
  if (operator === '=!=') return ast.bool(!op.identical(left, right()));
  if (COMPARISONS.includes(operator)) {
    return op.compare(operator, left, right());
  }

  return op.arithmetic(operator, left, right());
}

function conditional(test: Value, then: () => Value, otherwise: () => Value) {
  const t = op.truth(test);
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

function record(fields: [string, Node][], ev: (n: Node) => Value): Value {
  const entries = fields.map(([k, n]) => [k, ev(n)] as const);

  return { t: 'rec', v: Object.fromEntries(entries) };
}

function index([base, i]: Value[]): Value {
  if (base?.t === 'list' && i?.t === 'int') return base.v[i.v] ?? ERROR;
  if (base?.t === 'rec' && i?.t === 'str') return select(base, i.v);

  return ERROR;
}

function select(base: Value, name: string): Value {
  if (base.t !== 'rec') return base.t === 'undef' ? UNDEFINED : ERROR;
  const lower = name.toLowerCase();
  const key = Object.keys(base.v).find((k) => k.toLowerCase() === lower);

  return key === undefined ? UNDEFINED : (base.v[key] ?? UNDEFINED);
}
