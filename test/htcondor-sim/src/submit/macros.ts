import { basename, dirname } from 'node:path';

/** Looks up a macro by name (case-insensitive); undefined when unset. */
export type MacroLookup = (name: string) => string | undefined;

type Env = NodeJS.ProcessEnv;

const MAX_DEPTH = 40;

interface Reference {
  fn: string;
  body: string;
  end: number;
  literal: boolean;
}

/**
 * Expands `$(name)`, `$(name:default)`, `$ENV(VAR[:default])` and a few
 * other `$FUNC(...)` forms. `$(DOLLAR)` yields a `$` that is never expanded
 * again; `$$(...)` is left for match time, as condor_submit does.
 */
export function expandMacros(
  text: string,
  lookup: MacroLookup,
  env: Env,
  depth = 0,
): string {
  if (depth > MAX_DEPTH) return text;
  let out = '';
  let i = 0;
  let dollar = text.indexOf('$');
  for (; dollar >= 0; dollar = text.indexOf('$', i)) {
    out += text.slice(i, dollar);
    const ref = readReference(text, dollar);
    if (!ref) {
      out += '$';
      i = dollar + 1;
      continue;
    }
    out += ref.literal ? ref.body : resolve(ref, lookup, env, depth);
    i = ref.end;
  }

  return out + text.slice(i);
}

/** Parses `$(...)`, `$$(...)` or `$NAME(...)` starting at `start`. */
function readReference(text: string, start: number): Reference | undefined {
  if (text.startsWith('$$(', start)) {
    const close = matchingParen(text, start + 2);
    if (close < 0) return undefined;
    const body = text.slice(start, close + 1);
    return { fn: '', body, end: close + 1, literal: true };
  }
  const head = /^\$([A-Za-z_]*)\(/.exec(text.slice(start));
  if (!head) return undefined;
  const open = start + head[0].length - 1;
  const close = matchingParen(text, open);
  if (close < 0) return undefined;
  const fn = (head[1] ?? '').toUpperCase();
  const body = text.slice(open + 1, close);

  return { fn, body, end: close + 1, literal: false };
}

function matchingParen(text: string, open: number): number {
  let level = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') level++;
    else if (text[i] === ')' && --level === 0) return i;
  }

  return -1;
}

function resolve(ref: Reference, lookup: MacroLookup, env: Env, depth: number) {
  const expand = (s: string) => expandMacros(s, lookup, env, depth + 1);
  const [name, fallback] = splitDefault(ref.body);
  const orFallback = (value: string | undefined) =>
    value ?? (fallback === undefined ? '' : expand(fallback));
  switch (ref.fn) {
    case '':
      return resolveMacro(name.trim(), lookup, expand) ?? orFallback(undefined);
    case 'ENV':
      return orFallback(env[expand(name)]);
    case 'BASENAME':
      return basename(expand(ref.body));
    case 'DIRNAME':
      return dirname(expand(ref.body));
    default:
      return `$${ref.fn}(${ref.body})`;
  }
}

function resolveMacro(
  name: string,
  lookup: MacroLookup,
  expand: (s: string) => string,
): string | undefined {
  const upper = name.toUpperCase();
  if (upper === 'DOLLAR') return '$';
  if (upper === 'DOLLARDOLLAR') return '$$';
  const value = lookup(name);

  return value === undefined ? undefined : expand(value);
}

function splitDefault(body: string): [string, string | undefined] {
  const colon = body.indexOf(':');
  if (colon < 0) return [body, undefined];

  return [body.slice(0, colon), body.slice(colon + 1)];
}
