import { SubmitError } from './lines';

/**
 * Splits the new ("V2") argument syntax: blanks separate words, `'...'`
 * groups blanks into a word, `''` inside it is one `'`. Used for both
 * `arguments` and `environment`, which share the rule.
 */
export function splitV2(text: string, what: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const [quoted, end] = readSingleQuoted(text, i, what);
      word = (word ?? '') + quoted;
      i = end;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);

  return words;
}

function readSingleQuoted(text: string, open: number, what: string) {
  let out = '';
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] !== "'") {
      out += text[i];
    } else if (text[i + 1] === "'") {
      out += "'";
      i++;
    } else {
      return [out, i] as const;
    }
  }
  throw new SubmitError([`ERROR: Unbalanced single-quote in ${what}: ${text}`]);
}

/** The value inside the outer double quotes, with `""` turned into `"`. */
export function unwrapDoubleQuoted(raw: string, what: string) {
  if (!raw.startsWith('"')) return undefined;
  if (raw.length < 2 || !raw.endsWith('"')) {
    throw new SubmitError([
      `ERROR: ${what} starts with a double quote but does not end ` +
        `with one: ${raw}`,
    ]);
  }

  return raw.slice(1, -1).replace(/""/g, '"');
}

export interface ParsedArguments {
  attr: 'Arguments' | 'Args';
  value: string;
  argv: string[];
}

/** New syntax sets `Arguments`, old syntax sets `Args` (htcondor-jdl.rst). */
export function parseArguments(raw: string): ParsedArguments {
  const inner = unwrapDoubleQuoted(raw, 'arguments');
  if (inner === undefined) {
    return { attr: 'Args', value: raw, argv: splitV1(raw) };
  }

  return { attr: 'Arguments', value: inner, argv: splitV2(inner, 'arguments') };
}

/** Old syntax: words split on blanks, `\"` is a literal quote. */
export function splitV1(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.replace(/\\"/g, '"'));
}

/** The argv a job ad describes. */
export function argvOfAd(ad: { Arguments?: unknown; Args?: unknown }) {
  if (typeof ad.Arguments === 'string') {
    return splitV2(ad.Arguments, 'arguments');
  }

  return typeof ad.Args === 'string' ? splitV1(ad.Args) : [];
}
