import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SubmitArgs } from './cli-args';
import { type Statement, SubmitError, parseStatements } from './lines';

export interface Description {
  statements: Statement[];
  appended: Statement[];
  submitFile: string;
}

/**
 * Reads the description (a file, or stdin for `-` or no file) and adds the
 * command-line macros in front and a `-queue` statement when asked.
 */
export function readDescription(args: SubmitArgs, cwd: string): Description {
  const fromStdin = args.file === undefined || args.file === '-';
  const submitFile = fromStdin ? '-' : resolve(cwd, args.file ?? '');
  const text = fromStdin ? readStdin() : readFile(submitFile);
  const macros = args.macros.map(
    ([key, value]): Statement => ({ kind: 'assign', key, value, line: 0 }),
  );
  const statements = [...macros, ...parseStatements(text)];
  const appended = args.append.flatMap((line) => parseStatements(line));
  if (!statements.some((s) => s.kind === 'queue')) {
    if (args.queue === undefined) throw noQueue(args.file ?? '-');
    statements.push({ kind: 'queue', args: args.queue, line: 0 });
  }

  return { statements, appended, submitFile };
}

function noQueue(file: string): SubmitError {
  return new SubmitError([
    `ERROR: "${file}" doesn't contain any "queue" commands -- no jobs queued`,
  ]);
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new SubmitError([
      'ERROR: Failed to open command file (No such file or directory)',
    ]);
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}
