import { type AdValue, expr, isExpr } from '../state/job-ad';
import { type Node, type Value, formatReal, unparseValue } from './ast';
import { parseExpression } from './parser';

/**
 * Turns the right-hand side of `MY.Attr = text` into a stored value:
 * literals become plain JSON values, anything else stays an expression.
 * Throws ClassAdSyntaxError when the text does not parse.
 */
export function adValueFromText(text: string): AdValue {
  const node = parseExpression(text);
  const literal = literalOf(node);

  return literal === undefined ? expr(text.trim()) : literal;
}

function literalOf(node: Node): AdValue | undefined {
  if (node.type === 'unary' && node.op === '-' && node.arg.type === 'lit') {
    const v = node.arg.value;
    if (v.t === 'int' || v.t === 'real') return v.v === 0 ? 0 : -v.v;
  }
  if (node.type !== 'lit') return undefined;

  return plainValue(node.value);
}

function plainValue(v: Value): AdValue | undefined {
  switch (v.t) {
    case 'undef':
      return null;
    case 'bool':
    case 'int':
    case 'real':
    case 'str':
      return v.v;
    default:
      return undefined;
  }
}

/** Old-ClassAd text of a stored value, as `condor_q -long` prints it. */
export function unparseAdValue(value: AdValue): string {
  if (value === null) return 'undefined';
  if (typeof value === 'string') return `"${value.replace(/"/g, '\\"')}"`;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : formatReal(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isExpr(value)) return value.$expr;
  if (Array.isArray(value)) return `{ ${value.map(unparseAdValue).join(',')} }`;
  const fields = Object.entries(value).map(
    ([k, v]) => `${k} = ${unparseAdValue(v)}`,
  );

  return `[ ${fields.join('; ')} ]`;
}

/** What `condor_q -af` prints for an evaluated value. */
export function formatForAutoformat(v: Value, quoteStrings = false): string {
  if (v.t === 'str') return quoteStrings ? unparseValue(v) : v.v;

  return unparseValue(v);
}
