/**
 * Bash quoting the way gitlab-runner's ShellEscape does it: bare words when
 * safe, otherwise ANSI-C `$'…'` with C escapes and `\xHH` per UTF-8 byte.
 */

const SAFE = /^[A-Za-z0-9,\-./@_]+$/;

const C_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x27: "\\'",
  0x5c: '\\\\',
};

export function shellEscape(value: string): string {
  if (value === '') {
    return "''";
  }
  if (SAFE.test(value)) {
    return value;
  }

  let out = "$'";
  for (const byte of Buffer.from(value, 'utf8')) {
    out += escapeByte(byte);
  }
  return out + "'";
}

function escapeByte(byte: number): string {
  const named = C_ESCAPES[byte];
  if (named !== undefined) {
    return named;
  }
  if (byte < 0x20 || byte > 0x7e) {
    return '\\x' + byte.toString(16).padStart(2, '0');
  }
  return String.fromCharCode(byte);
}

/** A command line whose words are escaped one by one. */
export function shellCommand(...words: string[]): string {
  return words.map(shellEscape).join(' ');
}
