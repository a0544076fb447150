import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobRecord } from '../../../executor/log/job-record';
import { addToMetricsFile } from '../../../executor/log/metrics-file';
import {
  countJob,
  emptyCounters,
  parseMetrics,
  renderMetrics,
} from '../../../executor/log/metrics';

const P = 'gitlab_htcondor_executor_';

function record(more: Partial<JobRecord> = {}): JobRecord {
  return {
    time: '2024-01-02T00:00:00.000Z', jobId: 1, pipelineId: 2, project: 'g/p',
    jobName: 'j', runner: 'r', outcome: 'success', exitCode: 0,
    stages: [{ stage: 'build_script', outcome: 'success' }],
    queuedS: 12.5, runS: 60, evictions: 0, holds: [],
    bytesSent: 2048, bytesReturned: 1024,
    ...more,
  };
}

/** The value of one series in a rendered file. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${P}${series} `));

  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

test('every known outcome starts at zero', () => {
  const text = renderMetrics(emptyCounters());

  const outcomes = [
    'success',
    'build_failure',
    'system_failure',
    'cancelled',
    'no_remote_stage',
  ];
  for (const outcome of outcomes) {
    expect(valueOf(text, `jobs_total{outcome="${outcome}"}`)).toBe(0);
  }
  expect(text).not.toContain('holds_total{');
});

test('a job adds to its outcome, holds by code, times and bytes', () => {
  const c = emptyCounters();
  countJob(c, record(), 1_700_000_000_000);
  countJob(c, record({
    outcome: 'build_failure',
    stages: [{ stage: 'build_script', outcome: 'build_failure' }],
    holds: [{ stage: 'build_script', code: 34, subcode: 0, reason: 'memory' }],
    evictions: 2, queuedS: 0.5, runS: 1, bytesSent: 1, bytesReturned: 0,
  }), 1_700_000_100_000);
  const text = renderMetrics(c);

  expect(valueOf(text, 'jobs_total{outcome="success"}')).toBe(1);
  expect(valueOf(text, 'jobs_total{outcome="build_failure"}')).toBe(1);
  expect(valueOf(text, 'stages_total{outcome="build_failure"}')).toBe(1);
  expect(valueOf(text, 'holds_total{code="34"}')).toBe(1);
  expect(valueOf(text, 'evictions_total')).toBe(2);
  expect(valueOf(text, 'queued_seconds_total')).toBe(13);
  expect(valueOf(text, 'running_seconds_total')).toBe(61);
  const bytes = (direction: string) =>
    valueOf(text, `transferred_bytes_total{direction="${direction}"}`);
  expect([bytes('to_job'), bytes('from_job')]).toEqual([2049, 1024]);
  expect(valueOf(text, 'last_record_timestamp_seconds')).toBe(1_700_000_100);
});

/** A record with one hold of `code`. */
const heldOnce = (code: number) =>
  record({ holds: [{ stage: 's', code, subcode: 0, reason: '' }] });

const LABELS = '\\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\\}';
const SERIES = new RegExp(`^[a-z_]+(${LABELS})? -?\\d+(\\.\\d+)?$`);

test('HELP and TYPE once before each metric, then its series', () => {
  const c = emptyCounters();
  countJob(c, heldOnce(13));
  const lines = renderMetrics(c).trimEnd().split('\n');
  let current = '';

  for (const line of lines) {
    const help = /^# HELP (\S+) \S/.exec(line);
    if (help) {
      expect(help[1]).not.toBe(current);
      current = help[1] as string;
    } else if (line.startsWith('# TYPE ')) {
      expect(line).toMatch(new RegExp(`^# TYPE ${current} (counter|gauge)$`));
    } else {
      expect(line).toMatch(SERIES);
      expect(line.startsWith(current)).toBe(true);
    }
  }
});

test('a file reads back to the same counters; foreign lines are left', () => {
  const c = emptyCounters();
  countJob(c, heldOnce(12));
  const text = `${renderMetrics(c)}other_metric 5\n${P}unknown_total 3\n`;

  expect(parseMetrics(text)).toEqual(c);
});

describe('the metrics file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'metrics-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('counts on from what it holds; no temp or lock file stays', async () => {
    const file = join(dir, 'textfile', 'executor.prom');
    await addToMetricsFile(file, record());
    await addToMetricsFile(file, record({ outcome: 'cancelled' }));
    await Promise.all([1, 2, 3].map(() => addToMetricsFile(file, record())));
    const text = readFileSync(file, 'utf8');

    expect(valueOf(text, 'jobs_total{outcome="success"}')).toBe(4);
    expect(valueOf(text, 'jobs_total{outcome="cancelled"}')).toBe(1);
    expect(readdirSync(join(dir, 'textfile'))).toEqual(['executor.prom']);
  });

  test('a file that is not ours starts the counters from zero', async () => {
    const file = join(dir, 'executor.prom');
    writeFileSync(file, 'garbage\n');
    await addToMetricsFile(file, record());

    const text = readFileSync(file, 'utf8');
    expect(valueOf(text, 'jobs_total{outcome="success"}')).toBe(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
