import { SubmitError } from './lines';

export interface SubmitArgs {
  file: string | undefined;
  terse: boolean;
  name?: string;
  pool?: string;
  batchName?: string;
  queue?: string;
  append: string[];
  macros: [string, string][];
}

/** Options that take a value; matched by unique prefix like HTCondor. */
const WITH_VALUE = [
  'name', 'pool', 'batch-name', 'append', 'queue', 'remote', 'addr',
];
const FLAGS = [
  'terse', 'verbose', 'spool', 'disable', 'debug', 'unused', 'interactive',
];

const refuse = (line: string) => new SubmitError([`ERROR: ${line}`]);

export function parseSubmitArgs(argv: string[]): SubmitArgs {
  const args: SubmitArgs = {
    file: undefined,
    terse: false,
    append: [],
    macros: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-' || !arg.startsWith('-')) {
      takePositional(args, arg);
      continue;
    }
    const option = matchOption(arg.slice(1));
    if (option === 'queue') {
      // -queue takes the rest of the command line (condor_submit.rst).
      args.queue = argv.slice(i + 1).join(' ');
      break;
    }
    if (WITH_VALUE.includes(option)) {
      const value = argv[++i];
      if (value === undefined) {
        throw refuse(`-${option} requires another argument`);
      }
      applyValue(args, option, value);
    } else if (option === 'terse') {
      args.terse = true;
    }
  }

  return args;
}

function matchOption(given: string): string {
  const lower = given.toLowerCase();
  if (lower === 'a') return 'append';
  const found = [...WITH_VALUE, ...FLAGS].filter((o) => o.startsWith(lower));
  if (found.length === 0 || lower === '') {
    throw refuse(`Unknown command line option -${given}`);
  }

  return found.find((o) => o === lower) ?? found[0] ?? lower;
}

/** `name=value` defines a macro; anything else names the description. */
function takePositional(args: SubmitArgs, arg: string): void {
  const macro = /^([A-Za-z_+][A-Za-z0-9_.]*)\s*=(.*)$/s.exec(arg);
  if (macro && arg !== '-') {
    args.macros.push([macro[1] ?? '', (macro[2] ?? '').trim()]);
    return;
  }
  args.file = arg;
}

function applyValue(args: SubmitArgs, option: string, value: string): void {
  if (option === 'name' || option === 'remote') args.name = value;
  if (option === 'pool') args.pool = value;
  if (option === 'batch-name') args.batchName = value;
  if (option === 'append') args.append.push(value);
}
