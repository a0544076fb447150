import fc from 'fast-check';

/** Pieces that have broken submit descriptions, ClassAds or shells. */
const TOKENS = [
  '$', '$$', '(', ')', '$(DOLLAR)', '$(dollar)', '$ENV(HOME)',
  '$ENV(CUSTOM_ENV_DEPLOY_TOKEN)', '$(ClusterId)', '$$(Memory)',
  '$$([1 + 1])', '$RANDOM_CHOICE(a,b)', '\n', '\r', '\0', '\r\n', '"', "'",
  '\\', ',', ' ', '\t', '#', '=', 'queue', 'queue 5', '@=END', '@END',
  '\nexecutable = /bin/evil', '\u2028', '\u0085', '\uD800', '\uDC00', 'é',
  '☃', '𝄞', 'DOLLAR', ':', ';', '+', '[', ']', '{', '}', '`', '*', '?',
  '/..', 'MY.', '+Attr', ' = ',
];

/**
 * Strings a pipeline could set: pieces of known attacks glued together
 * with random text, plain random Unicode (any code point), and graphemes.
 */
export function pipelineString(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );

  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );
}

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether an encoder's reason for refusing `value` is true of it: each
 * reason names a property the value really has.
 */
export function justifiedRefusal(reason: string, value: string): boolean {
  const checks: [RegExp, () => boolean][] = [
    [/line break or NUL/, () => /[\r\n\0]/.test(value)],
    [/read as a macro/, () => /\$(\$|[A-Za-z0-9_]*\()/.test(value)],
    [
      /empty or has leading or trailing blanks/,
      () => value === '' || value !== value.trim(),
    ],
    [/ends with a backslash/, () => value.endsWith('\\')],
    [/contains a comma/, () => value.includes(',')],
    [/not valid Unicode/, () => LONE_SURROGATE.test(value)],
    [/cannot be written safely/, () => namesUnsafeChar(reason, value)],
  ];
  const matching = checks.filter(([re]) => re.test(reason));

  return matching.length > 0 && matching.every(([, holds]) => holds());
}

function namesUnsafeChar(reason: string, value: string): boolean {
  const quoted = /contains ("(?:[^"\\]|\\.)*")/.exec(reason)?.[1];
  const named = quoted === undefined ? '' : (JSON.parse(quoted) as string);

  return named !== '' && !/^[A-Za-z0-9]$/.test(named) && value.includes(named);
}
