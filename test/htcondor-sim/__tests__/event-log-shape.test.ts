import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listQueue, waitForEmptyQueue, writeFaults } from '../src/api';
import * as fx from './sim-fixture';

const samples = fx.sharedSamples('event-log shape tests');
const SAMPLES = samples.dir;
const withSamples = samples.test;
const suffix = samples.suffix;

const DATE = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`;
const HEADER = new RegExp(
  String.raw`^(\d{3}) \((\d{3,})\.(\d{3,})\.(\d{3,})\) (${DATE}) (.*)$`,
);
/** Samples also use the legacy `MM/DD` date and test ids like -01. */
const ANY_HEADER = new RegExp(
  String.raw`^(\d{3}) \((-?\d+)\.(-?\d+)\.(-?\d+)\) ` +
    String.raw`(${DATE}|\d\d/\d\d \d\d:\d\d:\d\d) (.*)$`,
);
/** Events whose first body line is free text (reasons, messages). */
const FREE_TEXT_FIRST_LINE = new Set(['007', '012', '013', '009']);

interface LogEvent {
  code: string;
  header: string;
  body: string[];
}

function splitEvents(text: string): LogEvent[] {
  const events: LogEvent[] = [];
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line !== '...') {
      lines.push(line);
      continue;
    }
    const [header = '', ...body] = lines;
    events.push({ code: header.slice(0, 3), header, body });
    lines = [];
  }
  expect(lines.filter((l) => l !== '')).toEqual([]);

  return events;
}

/** What stays when names, numbers, paths and addresses are taken out. */
function shape(line: string): string {
  return line
    .replace(/<[^>]*>/g, '<ADDR>')
    .replace(/"[^"]*"/g, '"S"')
    .replace(/\S+@\S+/g, 'SLOT')
    .replace(/\(by user \S+\)/g, '(by user U)')
    .replace(/\d+(\.\d+)?/g, 'N')
    .replace(/ {2,}/g, ' ')
    .trimEnd();
}

const headerText = (e: LogEvent) => shape(e.header.replace(ANY_HEADER, '$6'));

function sampleEvents(): LogEvent[] {
  return readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => splitEvents(readFileSync(join(SAMPLES, f), 'utf8')));
}

let sim: fx.Sim;
let ours: LogEvent[] = [];

const queued = (status: number) => () =>
  listQueue(sim.home).some((ad) => ad.JobStatus === status);

/** One job held, released, evicted and finished; one removed running. */
beforeAll(async () => {
  sim = fx.makeSim();
  sim.file('job.sh', '#!/bin/sh\necho working\nsleep 1\n', true);
  sim.file('job.sub', fx.submitFile({
    executable: 'job.sh',
    log: 'job.log',
    output: 'job.out',
    stream_output: 'true',
  }));
  const reason = 'Error from slot1_1@sim-ep1: disk usage exceeded request_disk';
  writeFaults(sim.home, {
    hold: { code: 21, subcode: 103, reason, after_ms: 100 },
    evict_once: { after_ms: 600 },
  });
  sim.run('condor_submit', ['-terse', 'job.sub']);
  await fx.waitFor('hold', queued(5));
  sim.run('condor_release', ['1']);
  await waitForEmptyQueue(sim.home, 15_000);
  writeFaults(sim.home, {});
  sim.run('condor_submit', ['-terse', 'job.sub']);
  await fx.waitFor('second job running', queued(2));
  sim.run('condor_rm', ['2']);
  await waitForEmptyQueue(sim.home, 10_000);
  ours = splitEvents(sim.read('job.log'));
}, 40_000);
afterAll(() => sim.cleanup());

test('the run produced every event kind the driver follows', () => {
  const kinds = [
    '000', '040', '001', '006', '007', '012', '013', '004', '005', '009',
  ];

  expect(new Set(ours.map((e) => e.code))).toEqual(new Set(kinds));
});

test('headers are NNN (CCC.PPP.SSS) YYYY-MM-DD HH:MM:SS text, bodies indented', () => {
  const indented = (l: string) => l === '' || l.startsWith('\t');
  for (const e of ours) {
    expect(e.header).toMatch(HEADER);
    expect(e.body.filter((l) => !indented(l))).toEqual([]);
  }
});

withSamples(`header texts and body lines have shapes found in the samples${suffix}`, () => {
  const samples = sampleEvents();
  const unknown: string[] = [];
  for (const e of ours) {
    const same = samples.filter((s) => s.code === e.code);
    const headers = new Set(same.map(headerText));
    const lines = new Set(same.flatMap((s) => s.body.map(shape)));
    const header = headerText(e);
    if (!headers.has(header)) unknown.push(`${e.code}: ${header}`);
    const free = FREE_TEXT_FIRST_LINE.has(e.code);
    for (const line of (free ? e.body.slice(1) : e.body).map(shape)) {
      if (!lines.has(line)) unknown.push(`${e.code} body: ${line}`);
    }
  }

  expect(unknown).toEqual([]);
});

withSamples(`the 005 body follows the real layout line by line${suffix}`, () => {
  const real = sampleEvents().find(
    (s) => s.code === '005' && s.body.some((l) => l.includes('TimeExecute')),
  );
  const mine = ours.find((e) => e.code === '005');
  if (!real || !mine) throw new Error('no 005 event to compare');
  const rows = (body: string[]) =>
    body.filter((l) => /^\t {3}\S/.test(l)).map((l) => l.split(':')[0]?.trim());

  const head = (body: string[]) => body.slice(0, 10).map(shape);
  const tail = (body: string[]) => body.slice(-2).map(shape);

  expect(head(mine.body)).toEqual(head(real.body));
  expect(tail(mine.body)).toEqual(tail(real.body));
  expect(rows(real.body)).toEqual(expect.arrayContaining(rows(mine.body)));
});

withSamples(`004 and 009 after condor_rm look like the real ones${suffix}`, () => {
  const last = ours[ours.length - 1];
  const realAbort = sampleEvents().find(
    (s) => s.code === '009' && s.body[0]?.startsWith('\tvia condor_rm'),
  );

  expect(ours.map((e) => e.code).slice(-2)).toEqual(['004', '009']);
  expect(last?.body[0]).toMatch(/^\tvia condor_rm \(by user \S+\)$/);
  expect(shape(realAbort?.body[0] ?? '')).toBe(shape(last?.body[0] ?? 'x'));
});
