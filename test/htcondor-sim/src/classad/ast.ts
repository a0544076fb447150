/** Values of the ClassAd language; `undef` and `error` are values too. */
export type Value =
  | { t: 'undef' }
  | { t: 'error' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: number }
  | { t: 'real'; v: number }
  | { t: 'str'; v: string }
  | { t: 'list'; v: Value[] }
  | { t: 'rec'; v: Record<string, Value> };

export type Node =
  | { type: 'lit'; value: Value }
  | { type: 'attr'; name: string; scope?: string }
  | { type: 'unary'; op: string; arg: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'cond'; test: Node; then: Node; else: Node }
  | { type: 'call'; name: string; args: Node[] }
  | { type: 'list'; items: Node[] }
  | { type: 'record'; fields: [string, Node][] }
  | { type: 'select'; base: Node; name: string };

export const UNDEFINED: Value = { t: 'undef' };
export const ERROR: Value = { t: 'error' };

export function bool(v: boolean): Value {
  return { t: 'bool', v };
}

export function int(v: number): Value {
  return { t: 'int', v: Math.trunc(v) };
}

export function real(v: number): Value {
  return { t: 'real', v };
}

export function str(v: string): Value {
  return { t: 'str', v };
}

export function isNumber(v: Value): v is { t: 'int' | 'real'; v: number } {
  return v.t === 'int' || v.t === 'real';
}

/** Old-ClassAd text of a value, as `condor_q -long` prints it. */
export function unparseValue(value: Value): string {
  switch (value.t) {
    case 'undef':
      return 'undefined';
    case 'error':
      return 'error';
    case 'bool':
      return value.v ? 'true' : 'false';
    case 'int':
      return String(value.v);
    case 'real':
      return formatReal(value.v);
    case 'str':
      return `"${value.v.replace(/"/g, '\\"')}"`;
    case 'list':
      return `{ ${value.v.map(unparseValue).join(',')} }`;
    case 'rec':
      return `[ ${unparseFields(value.v)} ]`;
  }
}

function unparseFields(fields: Record<string, Value>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k} = ${unparseValue(v)}`)
    .join('; ');
}

export function formatReal(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}
