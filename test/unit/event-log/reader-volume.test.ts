import {
  EventLogReader,
  parseEventLog,
} from '../../../executor/condor/event-log';
import { readFixture } from './helpers';

const MB = 1024 * 1024;

/** The complete events of both own fixtures, repeated to about `bytes`. */
function bigLog(bytes: number): { text: string; events: number } {
  const lifecycle = readFixture('lifecycle-iso.userlog');
  const complete = lifecycle.slice(0, lifecycle.lastIndexOf('...\n') + 4);
  const unit = complete + readFixture('legacy-oldfmt.userlog');
  const copies = Math.ceil(bytes / unit.length);
  const eventsPerCopy = unit.split('\n').filter((l) => l === '...').length;
  return { text: unit.repeat(copies), events: copies * eventsPerCopy };
}

// Speed is measured by bench/event-log.ts; these check volume and chunking.
test('parses every event of a 10 MB log', () => {
  const { text, events } = bigLog(10 * MB);
  const count = parseEventLog(text, { referenceTime: Date.now() }).events.length;
  expect(count).toBe(events);
});

test('reads a 10 MB log pushed in 4 KiB chunks', () => {
  const { text, events } = bigLog(10 * MB);
  const reader = new EventLogReader({ referenceTime: Date.now() });
  let count = 0;
  for (let at = 0; at < text.length; at += 4096) {
    count += reader.push(text.slice(at, at + 4096)).length;
  }
  expect(count).toBe(events);
});

/**
 * Lines built to make a backtracking matcher go quadratic or worse: long
 * runs that almost match a header, an attribute, a usage or a byte line.
 */
test('pathological lines are read or refused, never thrown on', () => {
  const n = 200000;
  const digits = '1'.repeat(n);
  const lines = [
    `000 (${digits}`,
    '...',
    `000 (1.1.1) 2025-01-01 00:00:00${'.'.repeat(n)}`,
    '...',
    `001 (${'-1.'.repeat(n)}) 01/01 00:00:00 x`,
    '...',
    `005 (1.0.0) 2025-01-01 00:00:00 Job terminated.`,
    `\t${digits}  -  Run Bytes Sent By Job${' '.repeat(n)}x`,
    `\tUsr ${digits} ${digits}:1:1, Sys 1 1:1:1  -  Run Remote`,
    `\tPartitionable Resources :${'  Usage'.repeat(n / 10)}`,
    `\t   Memory (MB) :${' "'.repeat(n / 10)}`,
    `\t(1) Normal termination (return value ${digits}`,
    '...',
    '028 (1.0.0) 2025-01-01 00:00:00 Job ad information event triggered.',
    `${'a'.repeat(n)} =${'='.repeat(n)}`,
    `A${'.b'.repeat(n / 2)} ${' ='.repeat(n / 2)}`,
    '...',
  ];
  const text = `${lines.join('\n')}\n`;
  const parsed = parseEventLog(text);
  expect(parsed.events.map((e) => e.code)).toEqual([5, 28]);
  expect(parsed.errors).toHaveLength(3);
});
