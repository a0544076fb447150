/** One logical statement of a submit description. */
export type Statement =
  | { kind: 'assign'; key: string; value: string; line: number }
  | { kind: 'queue'; args: string; line: number };

/** A refusal of condor_submit: the lines go to stderr, the exit code is 1. */
export class SubmitError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'SubmitError';
  }
}

const ASSIGN = /^([^\s=]+)\s*=\s*(.*)$/s;
const MULTI_LINE = /^([^\s=@]+)\s*@=\s*(\S+)\s*$/;
const QUEUE = /^queue(\s+.*)?$/is;

/**
 * Splits a submit description into statements like condor_submit: lines
 * are trimmed, `#` starts a comment only at the start of a line, a
 * trailing `\` joins the next line, and `key @=TAG` ... `@TAG` spans lines.
 */
export function parseStatements(text: string): Statement[] {
  const physical = text.split(/\r?\n/);
  const statements: Statement[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let line = (physical[i] ?? '').trim();
    while (line.endsWith('\\') && i + 1 < physical.length) {
      i++;
      line = (line.slice(0, -1) + (physical[i] ?? '').trimStart()).trimEnd();
    }
    if (line === '' || line.startsWith('#')) continue;
    const multi = MULTI_LINE.exec(line);
    if (multi) {
      const end = findClose(physical, i + 1, multi[2] ?? '', start);
      const value = physical.slice(i + 1, end).join('\n');
      const key = multi[1] ?? '';
      statements.push({ kind: 'assign', key, value, line: start + 1 });
      i = end;
      continue;
    }
    statements.push(toStatement(line, start + 1));
  }

  return statements;
}

function findClose(lines: string[], from: number, tag: string, start: number) {
  for (let j = from; j < lines.length; j++) {
    if ((lines[j] ?? '').trim() === `@${tag}`) return j;
  }
  throw parseFailure(start + 1, `@=${tag} is not closed by @${tag}`);
}

function toStatement(line: string, lineNo: number): Statement {
  const queue = QUEUE.exec(line);
  if (queue) {
    return { kind: 'queue', args: (queue[1] ?? '').trim(), line: lineNo };
  }
  const assign = ASSIGN.exec(line);
  if (!assign) throw parseFailure(lineNo, `syntax error: ${line}`);
  const [, key = '', value = ''] = assign;

  return { kind: 'assign', key, value: value.trim(), line: lineNo };
}

export function parseFailure(line: number, detail: string): SubmitError {
  return new SubmitError([
    `ERROR on Line ${line} of submit file: ${detail}`,
    `ERROR: Failed to parse command file (line ${line}).`,
  ]);
}
