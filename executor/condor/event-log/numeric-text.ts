/**
 * Numeric text as a number. Unary plus converts like Number() but without
 * looking up a global, which is slow inside VM contexts (test runners,
 * sandboxes); the parser does this several times per event. A missing
 * regular-expression group gives NaN.
 */
export function textToNumber(text: string | undefined): number {
  return text === undefined ? NaN : +text;
}

/** Number.isFinite, held here for the same reason. */
export const isFiniteNumber = Number.isFinite;

/** True when an object has no own enumerable property. */
export function isEmptyObject(value: object): boolean {
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) return false;
  }
  return true;
}
