import { EventLogReader } from '../executor/condor/event-log';
import type { BenchOptions } from './lib/options';
import { noTarget, type Figure } from './lib/report';
import { describeMs, median } from './lib/stats';

const REPS = 15;
/** The driver reads the log in chunks of this size. */
const CHUNK = 1 << 20;

/**
 * The event-log reader on a large log fed in the driver's chunk size,
 * against splitting the same text into lines, the least any reader does.
 */
export async function benchEventLogReader(o: BenchOptions): Promise<Figure[]> {
  const text = makeEventLog(o.eventLogBytes);
  const events = countEvents(text);
  const reader: number[] = [];
  const split: number[] = [];
  for (let i = 0; i < REPS; i += 1) {
    reader.push(timed(() => readAll(text, events)));
    split.push(timed(() => splitLines(text)));
  }
  const ratio = median(reader) / median(split);
  const mib = text.length / 2 ** 20;

  return [
    {
      name: `event-log reader: ${mib.toFixed(0)} MiB log, ${events} events`,
      value: ratio,
      unit: 'x',
      target: noTarget(),
      baseline: 'splitting the text into lines',
      ratio,
      raw: [
        `reader: ${describeMs(reader)}, ` +
          `${(mib / (median(reader) / 1000)).toFixed(0)} MiB/s`,
        `split into lines: ${describeMs(split)}`,
      ],
    },
  ];
}

function readAll(text: string, expected: number): void {
  const reader = new EventLogReader({ referenceTime: Date.now() });
  let events = 0;
  for (let at = 0; at < text.length; at += CHUNK) {
    events += reader.push(text.slice(at, at + CHUNK)).length;
  }
  if (events !== expected || reader.errors.length > 0) {
    throw new Error(`read ${events} of ${expected} events`);
  }
}

function splitLines(text: string): void {
  if (text.split('\n').length < 2) throw new Error('no lines');
}

function timed(body: () => void): number {
  const start = performance.now();
  body();

  return performance.now() - start;
}

function countEvents(text: string): number {
  return text.match(/^\.\.\.$/gm)?.length ?? 0;
}

/**
 * A log of many clusters going through submit, transfer, execute, image
 * size updates, a hold and release, and termination with usage tables.
 */
function makeEventLog(bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let cluster = 1; length < bytes; cluster += 1) {
    const block = jobEvents(cluster);
    parts.push(block);
    length += block.length;
  }

  return parts.join('');
}

function jobEvents(cluster: number): string {
  const id = `(${String(cluster).padStart(3, '0')}.000.000)`;
  const at = (s: number) =>
    `2024-05-14 10:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:` +
    `${String(s % 60).padStart(2, '0')}`;
  const host = '<192.0.2.7:9618?addrs=192.0.2.7-9618&alias=ep7.example.org>';
  const event = (code: string, s: number, text: string, body: string[] = []) =>
    [`${code} ${id} ${at(s)} ${text}`, ...body, '...', ''].join('\n');

  return [
    event('000', 0, `Job submitted from host: ${host}`),
    event('040', 3, 'Started transferring input files', [
      `\tTransferring to host: ${host}`,
    ]),
    event('040', 4, 'Finished transferring input files'),
    event('001', 5, `Job executing on host: ${host}`, [
      '\tSlotName: slot1_3@ep7.example.org',
      '\tCondorScratchDir = "/var/lib/condor/execute/dir_1234"',
      '\tCpus = 1',
      '\tMemory = 2048',
    ]),
    event('006', 30, 'Image size of job updated: 52000', [
      '\t51  -  MemoryUsage of job (MB)',
      '\t52000  -  ResidentSetSize of job (KB)',
    ]),
    event('012', 40, 'Job was held.', [
      '\tTransfer input files failure at execution point',
      '\tCode 13 Subcode 2',
    ]),
    event('013', 50, 'Job was released.', ['\tvia condor_release (by user ci)']),
    event('005', 90, 'Job terminated.', TERMINATION),
  ].join('');
}

const TERMINATION = [
  '\t(1) Normal termination (return value 0)',
  '\t\tUsr 0 00:00:12, Sys 0 00:00:01  -  Run Remote Usage',
  '\t\tUsr 0 00:00:00, Sys 0 00:00:00  -  Run Local Usage',
  '\t\tUsr 0 00:00:12, Sys 0 00:00:01  -  Total Remote Usage',
  '\t\tUsr 0 00:00:00, Sys 0 00:00:00  -  Total Local Usage',
  '\t1024  -  Run Bytes Sent By Job',
  '\t20480  -  Run Bytes Received By Job',
  '\t1024  -  Total Bytes Sent By Job',
  '\t20480  -  Total Bytes Received By Job',
  '\tPartitionable Resources :    Usage  Request Allocated',
  '\t   Cpus                 :     0.95        1         1',
  '\t   Disk (KB)            :    12000  4194304   4194304',
  '\t   Memory (MB)          :       51     2048      2048',
  '',
  '\tJob terminated of its own accord at 2024-05-14T10:01:30Z with exit-code 0.',
];
