import type { JobOutcome, JobRecord } from './job-record';

/**
 * The runner's counters in Prometheus' text format. Each series is kept
 * under its full text (`name{label="value"}`), so that the file we wrote
 * last time can be read back and counted on.
 */
export type Counters = Map<string, number>;

const PREFIX = 'gitlab_htcondor_executor_';

const HELP: Record<string, [type: 'counter' | 'gauge', help: string]> = {
  jobs_total: ['counter', 'CI jobs recorded at cleanup, by outcome.'],
  stages_total: ['counter', 'Remote stages (HTCondor jobs), by outcome.'],
  holds_total: ['counter', 'HTCondor holds, by HoldReasonCode.'],
  evictions_total: ['counter', 'Evictions and lost slots; the job ran again.'],
  queued_seconds_total: ['counter', 'Seconds HTCondor jobs waited to start.'],
  running_seconds_total: ['counter', 'Seconds HTCondor jobs ran.'],
  transferred_bytes_total: ['counter', 'Workspace bytes, by direction.'],
  last_record_timestamp_seconds: ['gauge', 'When the last job was recorded.'],
};

const OUTCOMES: JobOutcome[] = [
  'success',
  'build_failure',
  'system_failure',
  'cancelled',
  'no_remote_stage',
];

/** Known label values start at 0, so that rates work from the first job. */
export function emptyCounters(): Counters {
  const c: Counters = new Map();
  for (const outcome of OUTCOMES) {
    c.set(series('jobs_total', { outcome }), 0);
    if (outcome !== 'no_remote_stage') {
      c.set(series('stages_total', { outcome }), 0);
    }
  }
  const totals = [
    'evictions_total',
    'queued_seconds_total',
    'running_seconds_total',
  ];
  for (const name of totals) c.set(series(name), 0);
  c.set(bytes('to_job'), 0);
  c.set(bytes('from_job'), 0);

  return c;
}

export function countJob(c: Counters, r: JobRecord, nowMs = Date.now()) {
  const add = (key: string, n: number) => c.set(key, (c.get(key) ?? 0) + n);
  add(series('jobs_total', { outcome: r.outcome }), 1);
  for (const s of r.stages) {
    add(series('stages_total', { outcome: s.outcome }), 1);
  }
  for (const h of r.holds) {
    add(series('holds_total', { code: String(h.code) }), 1);
  }
  add(series('evictions_total'), r.evictions);
  add(series('queued_seconds_total'), r.queuedS);
  add(series('running_seconds_total'), r.runS);
  add(bytes('to_job'), r.bytesSent);
  add(bytes('from_job'), r.bytesReturned);
  c.set(series('last_record_timestamp_seconds'), Math.floor(nowMs / 1000));
}

function series(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);

  return `${PREFIX}${name}${pairs.length ? `{${pairs.join(',')}}` : ''}`;
}

function bytes(direction: 'to_job' | 'from_job'): string {
  return series('transferred_bytes_total', { direction });
}

/** One HELP and TYPE per metric, then its series sorted. */
export function renderMetrics(c: Counters): string {
  const lines: string[] = [];
  for (const [name, [type, help]] of Object.entries(HELP)) {
    const full = `${PREFIX}${name}`;
    const keys = [...c.keys()].filter((k) => nameOf(k) === full).sort();
    if (keys.length === 0) continue;
    lines.push(`# HELP ${full} ${help}`, `# TYPE ${full} ${type}`);
    for (const key of keys) lines.push(`${key} ${format(c.get(key) ?? 0)}`);
  }

  return `${lines.join('\n')}\n`;
}

const SERIES_LINE = /^(gitlab_htcondor_executor_[a-z_]+(?:\{[^}]*\})?) (\S+)$/;

/** Our own series from a file we wrote; anything else is left out. */
export function parseMetrics(text: string): Counters {
  const c = emptyCounters();
  for (const line of text.split('\n')) {
    const m = SERIES_LINE.exec(line.trim());
    const value = Number(m?.[2]);
    if (m?.[1] && Number.isFinite(value) && HELP[shortName(m[1])]) {
      c.set(m[1], value);
    }
  }

  return c;
}

function nameOf(key: string): string {
  const brace = key.indexOf('{');

  return brace < 0 ? key : key.slice(0, brace);
}

function shortName(key: string): string {
  return nameOf(key).slice(PREFIX.length);
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
