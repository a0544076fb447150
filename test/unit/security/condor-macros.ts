/**
 * A model of how condor_submit expands macros in a value, after HTCondor's
 * config.cpp (expand_macro with next_config_macro): first every macro but
 * `$(DOLLAR)` is expanded, each time rescanning from the start; then each
 * `$(DOLLAR)` becomes `$`, again rescanning from the start after every
 * replacement. The simulator's reader turns `$(DOLLAR)` into `$` in one
 * pass, so it cannot see what that second rescan does; this model can.
 */
export type Lookup = (name: string) => string | undefined;

type Kind = 'normal' | 'env' | 'other';

interface Found {
  start: number;
  end: number;
  kind: Kind;
  body: string;
}

const ID_CHAR = /[A-Za-z0-9_./]/;
const PREFIX_CHAR = /[A-Za-z0-9_]/;
const MAX_ROUNDS = 10_000;

export function expandLikeCondor(
  text: string,
  lookup: Lookup,
  env: NodeJS.ProcessEnv,
): string {
  let value = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const m = scan(value, (kind, body) => !isDollar(kind, body));
    if (!m) break;
    const replacement = evaluate(m, lookup, env);
    value = value.slice(0, m.start) + replacement + value.slice(m.end);
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const m = scan(value, isDollar);
    if (!m) break;
    value = `${value.slice(0, m.start)}$${value.slice(m.end)}`;
  }

  return value;
}

function isDollar(kind: Kind, body: string): boolean {
  return kind === 'normal' && body.toUpperCase() === 'DOLLAR';
}

/** The first macro from the start that `wanted` accepts. */
function scan(
  text: string,
  wanted: (kind: Kind, body: string) => boolean,
): Found | undefined {
  let from = 0;
  for (;;) {
    const start = text.indexOf('$', from);
    if (start < 0) return undefined;
    let p = start + 1;
    if (text[p] === '$') p++;
    while (p < text.length && PREFIX_CHAR.test(text[p] ?? '')) p++;
    const kind = text[p] === '(' ? kindOf(text.slice(start, p)) : undefined;
    if (!kind) {
      from = p;
      continue;
    }
    const close = bodyEnd(text, p + 1, kind);
    if (close < 0) {
      from = p + 1;
      continue;
    }
    const body = text.slice(p + 1, close);
    if (wanted(kind, body)) return { start, end: close + 1, kind, body };
    from = close;
  }
}

/** `$$(...)` is left for match time; unknown `$NAME(` is no macro. */
function kindOf(prefix: string): Kind | undefined {
  if (prefix === '$') return 'normal';
  if (prefix.startsWith('$$')) return undefined;
  if (prefix === '$ENV') return 'env';

  return /^\$[A-Z_]+$/.test(prefix) ? 'other' : undefined;
}

/** Index of the `)` that ends a macro body, or -1 when it is no macro. */
function bodyEnd(text: string, from: number, kind: Kind): number {
  if (kind === 'other') return text.indexOf(')', from);
  let afterColon = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === ')') return i;
    if (c === ':' && !afterColon) afterColon = true;
    else if (!(afterColon && '$ ,\\'.includes(c)) && !ID_CHAR.test(c)) {
      return -1;
    }
  }

  return -1;
}

function evaluate(m: Found, lookup: Lookup, env: NodeJS.ProcessEnv): string {
  const colon = m.body.indexOf(':');
  const name = colon < 0 ? m.body : m.body.slice(0, colon);
  const fallback = colon < 0 ? '' : m.body.slice(colon + 1);
  if (m.kind === 'env') return env[name] ?? fallback;
  if (m.kind === 'normal') return lookup(name) ?? fallback;

  return `<${m.body}>`;
}
