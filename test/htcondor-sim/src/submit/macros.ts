import { basename, dirname } from 'node:path';

/** Looks up a macro by name (case-insensitive); undefined when unset. */
export type MacroLookup = (name: string) => string | undefined;

const MAX_DEPTH = 40;

/**
 * Expands `$(name)`, `$(name:default)`, `$ENV(VAR[:default])` and a few
 * other `$FUNC(...)` forms. `$(DOLLAR)` yields a `$` that is never expanded
 * again; `$$(...)` is left for match time, as condor_submit does.
 */
export function expandMacros(text: string, lookup: MacroLookup, env: NodeJS.ProcessEnv, depth = 0): string {
  if (depth > MAX_DEPTH) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) break;
    out += text.slice(i, dollar);
    const ref = readReference(text, dollar);
    if (!ref) {
      out += '$';
      i = dollar + 1;
      continue;
    }
    out += ref.literal ? ref.body : resolve(ref.fn, ref.body, lookup, env, depth);
    i = ref.end;
  }

  return out + text.slice(i);
}

interface Reference {
  fn: string;
  body: string;
  end: number;
  literal: boolean;
}

/** Parses `$(...)`, `$$(...)` or `$NAME(...)` starting at `start`. */
function readReference(text: string, start: number): Reference | undefined {
  if (text.startsWith('$$(', start)) {
    const close = matchingParen(text, start + 2);
    return close < 0 ? undefined : { fn: '', body: text.slice(start, close + 1), end: close + 1, literal: true };
  }
  const head = /^\$([A-Za-z_]*)\(/.exec(text.slice(start));
  if (!head) return undefined;
  const open = start + head[0].length - 1;
  const close = matchingParen(text, open);
  if (close < 0) return undefined;

  return { fn: (head[1] ?? '').toUpperCase(), body: text.slice(open + 1, close), end: close + 1, literal: false };
}

function matchingParen(text: string, open: number): number {
  let level = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') level++;
    else if (text[i] === ')' && --level === 0) return i;
  }

  return -1;
}

function resolve(fn: string, body: string, lookup: MacroLookup, env: NodeJS.ProcessEnv, depth: number): string {
  const expand = (s: string) => expandMacros(s, lookup, env, depth + 1);
  const [name, fallback] = splitDefault(body);
  switch (fn) {
    case '':
      return resolveMacro(name, fallback, lookup, expand);
    case 'ENV':
      return env[expand(name)] ?? (fallback === undefined ? '' : expand(fallback));
    case 'BASENAME':
      return basename(expand(body));
    case 'DIRNAME':
      return dirname(expand(body));
    default:
      return `$${fn}(${body})`;
  }
}

function resolveMacro(
  name: string,
  fallback: string | undefined,
  lookup: MacroLookup,
  expand: (s: string) => string,
): string {
  if (name.toUpperCase() === 'DOLLAR') return '$';
  if (name.toUpperCase() === 'DOLLARDOLLAR') return '$$';
  const value = lookup(name.trim());
  if (value !== undefined) return expand(value);

  return fallback === undefined ? '' : expand(fallback);
}

function splitDefault(body: string): [string, string | undefined] {
  const colon = body.indexOf(':');

  return colon < 0 ? [body, undefined] : [body.slice(0, colon), body.slice(colon + 1)];
}
