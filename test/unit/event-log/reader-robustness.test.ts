import {
  EventLogReader,
  parseEventLog,
  summarizeJobs,
} from '../../../executor/condor/event-log';
import { readFixture, readInRandomChunks } from './helpers';

const FIXTURES = [
  'lifecycle-iso.userlog',
  'legacy-oldfmt.userlog',
  'damaged.userlog',
];
const REFERENCE = new Date(2028, 2, 5).getTime();

describe('a damaged log', () => {
  const log = parseEventLog(readFixture('damaged.userlog'));

  test('reports each bad stretch by line and keeps the good events', () => {
    expect(log.errors.map((e) => e.line)).toEqual([3, 6, 8, 9]);
    expect(log.errors[0]?.text).toBe('this line is not an event header');
    expect(log.errors[1]?.message).toMatch(/impossible date/);
    expect(log.errors[2]?.message).toMatch(/without an event/);
    expect(log.events.map((e) => e.code)).toEqual([0, 1, 5]);
    expect(log.partial).toBeNull();
  });

  test('still tells how the job ended', () => {
    const job = summarizeJobs(log.events).get('500.0');
    expect(job?.outcome).toEqual({ kind: 'exited', code: 0 });
  });
});

describe.each(FIXTURES)('%s read in pieces', (name) => {
  const text = readFixture(name);
  const whole = parseEventLog(text, { referenceTime: REFERENCE });

  const seeds = [11, 12, 13, 14, 15, 16, 17, 18];
  test.each(seeds)('random chunks, seed %i', (seed) => {
    const chunked = readInRandomChunks(text, seed, REFERENCE);
    expect(chunked).toEqual(whole);
  });

  test('one character at a time', () => {
    const reader = new EventLogReader({ referenceTime: REFERENCE });
    const events = [...text].flatMap((c) => reader.push(c));
    expect(events).toEqual(whole.events);
    expect(reader.end().partial).toBe(whole.partial);
  });

  test('with CRLF line ends, split inside the pairs', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const chunked = readInRandomChunks(crlf, 7, REFERENCE);
    expect(chunked.events).toEqual(whole.events);
    expect(chunked.partial).toBe(whole.partial?.replace(/\n/g, '\r\n') ?? null);
  });
});

describe('incremental reading', () => {
  const header = '012 (7.000.000) 2025-01-02 03:04:05 Job was held.\n';

  test('returns an event only when the newline after `...` arrives', () => {
    const reader = new EventLogReader();
    expect(reader.push(header)).toEqual([]);
    const body = '\tDisk quota exceeded\n\n\tCode 21 Subcode 103\n..';
    expect(reader.push(body)).toEqual([]);
    expect(reader.push('.')).toEqual([]);
    const [held] = reader.push('\n');
    expect(held).toMatchObject({ holdCode: 21, holdSubcode: 103 });
    expect(held?.body).toEqual([
      '\tDisk quota exceeded',
      '',
      '\tCode 21 Subcode 103',
    ]);
    expect(reader.end().partial).toBeNull();
  });

  test('end() hands back the unfinished text and starts afresh', () => {
    const reader = new EventLogReader();
    reader.push(`${header}\tDisk quota`);
    expect(reader.end().partial).toBe(`${header}\tDisk quota`);
    expect(reader.end().partial).toBeNull();
    expect(reader.push(`${header}...\n`)).toHaveLength(1);
  });

  test('a whole file may end without a newline after its last `...`', () => {
    const log = parseEventLog(`${header}...`);
    expect(log.events).toHaveLength(1);
    expect(log.partial).toBeNull();
  });

  test('takes the clock for legacy dates without a reference time', () => {
    const now = new Date();
    const mmdd = [now.getMonth() + 1, now.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('/');
    const [e] = new EventLogReader().push(
      `000 (1.000.000) ${mmdd} 00:00:01 Job submitted from host: <h>\n...\n`,
    );
    const year = new Date(e?.time.epochMs ?? 0).getFullYear();
    expect(year).toBe(now.getFullYear());
  });
});
