import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One call through the fake prefix: its arguments and what it saw. */
export interface PrefixCall {
  argv: string[];
  /** How many CUSTOM_ENV_ variables reached the prefixed command. */
  ciVariables: number;
  /** Whether stdin carried data (the submit description). */
  stdinBytes: number;
}

/**
 * A stand-in for `sudo -n -u USER`: records each call, then runs the rest
 * as the same user. Tests use it to see what would run as the service
 * account without creating one.
 */
export function writeFakePrefix(dir: string): {
  prefix: string[];
  calls: () => PrefixCall[];
} {
  const script = join(dir, 'fake-sudo');
  const log = join(dir, 'prefix-calls.log');
  writeFileSync(
    script,
    [
      '#!/bin/bash',
      '[ "$1" = -n ] && [ "$2" = -u ] && [ -n "$3" ] ||',
      '  { echo "usage: -n -u USER cmd" >&2; exit 1; }',
      'vars=$(env | grep -c "^CUSTOM_ENV_")',
      `input=$(mktemp '${dir}/stdin.XXXXXX')`,
      '[ -t 0 ] || cat > "$input"',
      `(IFS=$'\\x1f'; echo "$vars $(stat -c %s "$input") $*") >> '${log}'`,
      'shift 3',
      'exec "$@" < "$input"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );

  return {
    prefix: [script, '-n', '-u', 'cmscat'],
    calls: () => readCalls(log),
  };
}

function readCalls(log: string): PrefixCall[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [vars, bytes, ...rest] = line.split(' ');
      return {
        ciVariables: Number(vars),
        stdinBytes: Number(bytes),
        argv: rest.join(' ').split('\x1f'),
      };
    });
}
