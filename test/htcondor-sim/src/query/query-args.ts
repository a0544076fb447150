/** A job selector on the command line: `C`, `C.P` or an owner name. */
export type Target = { cluster: number; proc?: number } | { owner: string };

export interface QueryArgs {
  targets: Target[];
  constraints: string[];
  format: 'table' | 'json' | 'long' | 'af';
  autoformat: { attrs: string[]; qualifiers: string };
  attributes?: string[];
  limit?: number;
  forwards: boolean;
  all: boolean;
  name?: string;
  pool?: string;
}

export class UsageError extends Error {}

const VALUE_OPTIONS = [
  'constraint', 'attributes', 'limit', 'match', 'name', 'pool',
];
const FLAG_OPTIONS = [
  'json', 'long', 'allusers', 'all', 'nobatch', 'batch', 'totals',
  'forwards', 'backwards', 'global', 'wide', 'hold', 'run', 'idle', 'forcex',
];
const STATUS_FILTERS: Record<string, string> = {
  hold: 'JobStatus == 5',
  run: 'JobStatus == 2',
  idle: 'JobStatus == 1',
};

/** Parses the options condor_q, condor_history and condor_rm share. */
export function parseQueryArgs(argv: string[]): QueryArgs {
  const q: QueryArgs = {
    targets: [],
    constraints: [],
    format: 'table',
    autoformat: { attrs: [], qualifiers: '' },
    forwards: false,
    all: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = () => argv[++i];
    const nextIsValue = () => !(argv[i + 1] ?? '-').startsWith('-');
    if (!arg.startsWith('-')) {
      q.targets.push(parseTarget(arg));
    } else if (/^-(af|autoformat)(:|$)/i.test(arg)) {
      q.format = 'af';
      q.autoformat.qualifiers = arg.split(':')[1] ?? '';
      while (nextIsValue()) q.autoformat.attrs.push(next() ?? '');
    } else {
      applyOption(q, matchOption(arg), next, arg);
    }
  }

  return q;
}

function parseTarget(arg: string): Target {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(arg);
  if (!m) return { owner: arg };
  const cluster = Number(m[1]);

  return m[2] === undefined ? { cluster } : { cluster, proc: Number(m[2]) };
}

/** Full names, or unique prefixes of three letters and more. */
function matchOption(arg: string): string {
  const given = arg.replace(/^-+/, '').toLowerCase();
  if (given === 'l') return 'long';
  if (given === 'const' || given === 'constr') return 'constraint';
  const all = [...VALUE_OPTIONS, ...FLAG_OPTIONS];
  const exact = all.find((o) => o === given);
  const prefixed = all.filter((o) => given.length >= 3 && o.startsWith(given));
  if (exact) return exact;
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  throw new UsageError(`Error: unrecognized argument ${arg}`);
}

function applyOption(
  q: QueryArgs,
  option: string,
  next: () => string | undefined,
  arg: string,
): void {
  if (!VALUE_OPTIONS.includes(option)) return applyFlag(q, option);
  const value = next();
  if (value === undefined) {
    throw new UsageError(`Error: Argument ${arg} requires another parameter`);
  }
  if (option === 'constraint') q.constraints.push(value);
  if (option === 'attributes') {
    q.attributes = value.split(/[\s,]+/).filter(Boolean);
  }
  if (option === 'limit' || option === 'match') {
    q.limit = Number.parseInt(value, 10);
  }
  if (option === 'name') q.name = value;
  if (option === 'pool') q.pool = value;
}

function applyFlag(q: QueryArgs, option: string): void {
  if (option === 'json') q.format = 'json';
  if (option === 'long') q.format = 'long';
  if (option === 'forwards') q.forwards = true;
  if (option === 'all') q.all = true;
  const filter = STATUS_FILTERS[option];
  if (filter) q.constraints.push(filter);
}
