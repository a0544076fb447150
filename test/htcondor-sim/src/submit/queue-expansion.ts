import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Statement, SubmitError, parseFailure } from './lines';
import { type Assignment, SubmitHash } from './submit-hash';

export interface ExpandOptions {
  cluster: number;
  submitFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `-append` commands, placed just before each queue statement. */
  appended: Statement[];
}

interface QueueSpec {
  count: number;
  vars: string[];
  items: string[] | undefined;
}

/** One SubmitHash per job, in ProcId order, following the queue statements. */
export function expandJobs(statements: Statement[], opts: ExpandOptions) {
  const assignments = new Map<string, Assignment>();
  const assign = (st: Statement) => {
    if (st.kind === 'assign') assignments.set(st.key.toLowerCase(), { ...st });
  };
  const jobs: SubmitHash[] = [];
  for (const st of statements) {
    if (st.kind === 'assign') {
      assign(st);
      continue;
    }
    opts.appended.forEach(assign);
    const spec = parseQueueArgs(st.args, st.line, opts.cwd);
    for (const item of spec.items ?? [undefined]) {
      for (let step = 0; step < spec.count; step++) {
        const live = liveMacros(opts, jobs.length, step, spec, item);
        jobs.push(new SubmitHash(new Map(assignments), live, opts.env));
      }
    }
  }

  return jobs;
}

const QUEUE_ARGS = /^(\d+)?\s*(?:(.+?)\s+(in|from)\s+(.+))?$/is;

function parseQueueArgs(args: string, line: number, cwd: string): QueueSpec {
  const m = QUEUE_ARGS.exec(args.trim());
  if (!m) throw parseFailure(line, `unsupported queue statement: ${args}`);
  const count = m[1] === undefined ? 1 : Number(m[1]);
  if (m[2] === undefined) return { count, vars: [], items: undefined };
  const vars = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
  const source = (m[4] ?? '').trim();
  const items = m[3]?.toLowerCase() === 'in'
    ? listItems(source)
    : fileItems(source, cwd, line);

  return { count, vars, items };
}

function listItems(source: string): string[] {
  const wrapped = source.startsWith('(') && source.endsWith(')');
  const inner = wrapped ? source.slice(1, -1) : source;

  return inner
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function fileItems(source: string, cwd: string, line: number): string[] {
  if (source.startsWith('(')) return listItems(source);
  const path = resolve(cwd, source);
  try {
    return readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter((s) => s !== '' && !s.startsWith('#'));
  } catch {
    throw new SubmitError([
      `ERROR: Can't open "${path}"  with flags 00 (No such file or directory)`,
      `ERROR: Failed to parse command file (line ${line}).`,
    ]);
  }
}

function liveMacros(
  opts: ExpandOptions,
  proc: number,
  step: number,
  spec: QueueSpec,
  item?: string,
): Record<string, string> {
  const now = new Date();
  const row = String(spec.items ? spec.items.indexOf(item ?? '') : 0);
  const cluster = String(opts.cluster);
  const live: Record<string, string> = {
    ClusterId: cluster,
    Cluster: cluster,
    ProcId: String(proc),
    Process: String(proc),
    JobId: `${cluster}.${proc}`,
    Step: String(step),
    Row: row,
    ItemIndex: row,
    SUBMIT_FILE: opts.submitFile,
    SUBMIT_TIME: String(Math.floor(now.getTime() / 1000)),
    Year: String(now.getFullYear()),
    Month: String(now.getMonth() + 1),
    Day: String(now.getDate()),
    IsLinux: '1',
    IsWindows: '0',
    OPSYS: 'LINUX',
    ARCH: 'X86_64',
  };
  if (item !== undefined) assignItem(live, spec.vars, item);

  return live;
}

/** The first variables take one word each; the last takes the rest. */
function assignItem(
  live: Record<string, string>,
  vars: string[],
  item: string,
): void {
  const names = vars.length > 0 ? vars : ['Item'];
  let rest = item;
  names.forEach((name, i) => {
    if (i === names.length - 1) {
      live[name] = rest.trim();
      return;
    }
    const m = /^\s*([^\s,]+)[\s,]*(.*)$/s.exec(rest);
    live[name] = m?.[1] ?? '';
    rest = m?.[2] ?? '';
  });
}
