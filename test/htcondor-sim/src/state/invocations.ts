import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { ensureSimHome } from './paths';

/** One call of a simulated tool, as recorded in `invocations.jsonl`. */
export interface Invocation {
  tool: string;
  argv: string[];
  time: number;
  cwd: string;
}

export function recordInvocation(
  home: string,
  tool: string,
  argv: string[],
): void {
  const p = ensureSimHome(home);
  const line: Invocation = { tool, argv, time: Date.now(), cwd: process.cwd() };
  appendFileSync(p.invocations, `${JSON.stringify(line)}\n`);
}

export function readInvocationLines(file: string): Invocation[] {
  if (!existsSync(file)) return [];

  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Invocation);
}
