import { kindOfCode } from './event-kinds';
import { parseEventTime } from './event-time';
import { textToNumber } from './numeric-text';
import type { EventTime, JobId } from './types';

/** The first line of an event, read. */
export interface EventHeader {
  code: number;
  kind: string;
  id: JobId;
  time: EventTime;
  message: string;
}

/**
 * `NNN (C.P.S) DATE TIME[.mmm][Z] MESSAGE`. Every part is a fixed token or a
 * run of one character class followed by a different literal, so matching
 * stays linear in the line length whatever the input.
 */
const HEADER = new RegExp(
  '^(\\d{3}) \\((-?\\d+)\\.(-?\\d+)\\.(-?\\d+)\\) ' +
    '((\\d{4}-\\d\\d-\\d\\d|\\d\\d/\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)' +
    '(?:\\.(\\d{1,6}))?(Z?))(?: (.*))?$',
  's',
);

/** Reads a header line, or returns why it is not one. */
export function parseHeader(
  line: string,
  referenceTime: () => number,
): EventHeader | { error: string } {
  const m = HEADER.exec(line);
  if (m === null) {
    return { error: describeMismatch(line) };
  }

  const time = parseEventTime(
    {
      text: m[5] ?? '',
      date: m[6] ?? '',
      hour: m[7] ?? '',
      minute: m[8] ?? '',
      second: m[9] ?? '',
      fraction: m[10],
      utc: m[11] === 'Z',
    },
    referenceTime,
  );
  if (time === null) {
    return { error: 'event header has an impossible date or time' };
  }

  const code = textToNumber(m[1]);
  return {
    code,
    kind: kindOfCode(code),
    id: {
      cluster: textToNumber(m[2]),
      proc: textToNumber(m[3]),
      subproc: textToNumber(m[4]),
    },
    time,
    message: m[12] ?? '',
  };
}

function describeMismatch(line: string): string {
  if (!/^\d{3} /.test(line)) {
    return 'expected an event header (NNN (C.P.S) DATE TIME ...)';
  }
  return 'event header with an unreadable job id or date';
}
