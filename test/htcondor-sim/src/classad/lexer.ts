export type TokenKind =
  | 'int'
  | 'real'
  | 'string'
  | 'name'
  | 'quoted-name'
  | 'op'
  | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

export class ClassAdSyntaxError extends Error {}

const OPERATORS = [
  '=?=', '=!=', '==', '!=', '<=', '>=', '&&', '||',
  '<', '>', '!', '+', '-', '*', '/', '%', '?', ':',
  '(', ')', ',', '[', ']', '{', '}', ';', '=', '.',
];

const NUMBER = /^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits an old-syntax ClassAd expression into tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const rest = text.slice(pos);
    const blank = /^\s+/.exec(rest);
    if (blank) {
      pos += blank[0].length;
      continue;
    }
    const token = readToken(text, pos);
    tokens.push(token);
    const quoted = token.kind === 'string' || token.kind === 'quoted-name';
    pos += quoted ? quotedLength(text, pos) : token.text.length;
  }
  tokens.push({ kind: 'end', text: '', pos });

  return tokens;
}

function readToken(text: string, pos: number): Token {
  const rest = text.slice(pos);
  const first = rest[0];
  if (first === '"') {
    return { kind: 'string', text: readQuoted(text, pos, '"'), pos };
  }
  if (first === "'") {
    return { kind: 'quoted-name', text: readQuoted(text, pos, "'"), pos };
  }
  const num = NUMBER.exec(rest);
  if (num) {
    const real = num[0].includes('.') || num[2] !== undefined;
    return { kind: real ? 'real' : 'int', text: num[0], pos };
  }
  const name = NAME.exec(rest);
  if (name) return { kind: 'name', text: name[0], pos };
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (op) return { kind: 'op', text: op, pos };
  const what = JSON.stringify(first);
  throw new ClassAdSyntaxError(`unexpected character ${what} at ${pos}`);
}

/**
 * Old ClassAd strings: a backslash escapes only the quote character
 * (classad lexer, tokenizeStringOld); any other backslash is literal.
 */
function readQuoted(text: string, start: number, quote: string): string {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === quote) {
      out += quote;
      i++;
    } else if (c === quote) {
      return out;
    } else {
      out += c;
    }
  }
  throw new ClassAdSyntaxError(`unterminated string starting at ${start}`);
}

function quotedLength(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) i++;
    else if (text[i] === quote) return i - start + 1;
  }

  return text.length - start;
}
