/**
 * Encoders for values placed in a submit description. No value reaches the
 * text except through one of these: condor_submit expands `$` macros in
 * every value and ends a command at a line break, so both are neutralised
 * here, and quoting follows HTCondor's rules for each kind of value.
 */
export class EncodeError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'EncodeError';
  }
}

const LINE_BREAK = /[\r\n\0]/;
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A submit value ends at a line break; a NUL truncates it; a lone UTF-16
 * surrogate would be written to the file as another character.
 */
export function requireOneLine(field: string, value: string): string {
  if (LINE_BREAK.test(value)) {
    throw new EncodeError(field, 'contains a line break or NUL, which would start a new submit command');
  }
  if (LONE_SURROGATE.test(value)) {
    throw new EncodeError(field, 'is not valid Unicode (a lone surrogate), so it cannot be written as is');
  }

  return value;
}

/**
 * condor_submit replaces `$(DOLLAR)` by `$` in a last pass that starts over
 * after each replacement, so a dollar that meets `(`, `$` or `NAME(` would
 * form a new macro (or hide the next `$(DOLLAR)`) once written.
 */
const MACRO_AFTER_DOLLAR = /\$(\$|[A-Za-z0-9_]*\()/;

/** `$` starts a macro; `$(DOLLAR)` is HTCondor's literal dollar. */
export function escapeMacros(field: string, value: string): string {
  const macro = MACRO_AFTER_DOLLAR.exec(value);
  if (macro) {
    throw new EncodeError(
      field,
      `contains ${JSON.stringify(macro[0])}, which HTCondor would read as a ` +
        'macro; a "$" may not be followed by "(", "$" or a name and "("',
    );
  }

  return value.replace(/\$/g, '$(DOLLAR)');
}

/** A plain value such as a path: one line, no edge blanks, macros escaped. */
export function encodePlain(field: string, value: string): string {
  requireOneLine(field, value);
  if (value !== value.trim() || value === '') {
    throw new EncodeError(field, 'is empty or has leading or trailing blanks, which condor_submit trims');
  }
  if (value.endsWith('\\')) {
    throw new EncodeError(field, 'ends with a backslash, which joins the next submit line');
  }

  return escapeMacros(field, value);
}

/** A list of paths for transfer_input_files and friends (comma separated). */
export function encodePathList(field: string, paths: string[]): string {
  return paths
    .map((p) => {
      if (p.includes(',')) throw new EncodeError(field, `path ${JSON.stringify(p)} contains a comma`);
      return encodePlain(field, p);
    })
    .join(', ');
}

export function encodeInteger(field: string, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new EncodeError(field, `expected a whole number ≥ 0, got ${value}`);
  }

  return String(value);
}

export function encodeBoolean(value: boolean): string {
  return value ? 'true' : 'false';
}

/**
 * `arguments` in the new syntax: the whole value in double quotes, each
 * argument in single quotes; `'` and `"` inside are doubled.
 */
export function encodeArguments(field: string, args: string[]): string {
  const quoted = args.map((arg) => {
    requireOneLine(field, arg);
    return `'${arg.replace(/'/g, "''").replace(/"/g, '""')}'`;
  });

  return escapeMacros(field, `"${quoted.join(' ')}"`);
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `environment` in the new syntax: `"NAME='value' ..."`. */
export function encodeEnvironment(field: string, env: Record<string, string>): string {
  const entries = Object.entries(env).map(([name, value]) => {
    if (!ENV_NAME.test(name)) throw new EncodeError(field, `invalid variable name ${JSON.stringify(name)}`);
    requireOneLine(`${field}.${name}`, value);
    return `${name}='${value.replace(/'/g, "''").replace(/"/g, '""')}'`;
  });

  return escapeMacros(field, `"${entries.join(' ')}"`);
}

/**
 * Characters allowed in an old-ClassAd string literal that we write. Old
 * ClassAd strings treat a backslash before `"` as an escape and have no way
 * to end in a backslash, so quotes and backslashes are refused outright.
 */
const CLASSAD_SAFE = /^[A-Za-z0-9 _.,:/@+=%~#\-[\]{}()!?*^|'$&<>;]*$/u;

/** A `MY.Attr = "..."` string value. */
export function encodeClassAdString(field: string, value: string): string {
  requireOneLine(field, value);
  if (!CLASSAD_SAFE.test(value)) {
    const bad = [...value].find((c) => !CLASSAD_SAFE.test(c)) ?? '';
    throw new EncodeError(
      field,
      `contains ${JSON.stringify(bad)}, which cannot be written safely in a ClassAd string`,
    );
  }

  return escapeMacros(field, `"${value}"`);
}
