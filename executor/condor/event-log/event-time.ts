import type { EventTime } from './types';

/** The date and time fields of an event header, still as digits. */
export interface TimeFields {
  /** `YYYY-MM-DD` or `MM/DD`. */
  date: string;
  hour: string;
  minute: string;
  second: string;
  /** Digits after the decimal point, or undefined. */
  fraction: string | undefined;
  utc: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far after the reference time a legacy date may fall before the year
 * before is preferred: covers a reference taken a moment before the event
 * was written, but not a whole year's difference.
 */
const LEGACY_FUTURE_SLACK_MS = DAY_MS;

/** How many years back a legacy date is tried (a 29 February needs four). */
const LEGACY_YEARS_BACK = 8;

/** Builds the event time, or returns null when the fields are no real date. */
export function parseEventTime(
  f: TimeFields,
  referenceTime: () => number,
): EventTime | null {
  const legacy = f.date.length === 5;
  const month = Number(f.date.slice(legacy ? 0 : 5, legacy ? 2 : 7));
  const day = Number(f.date.slice(legacy ? 3 : 8));
  const clock = readClock(f);
  if (clock === null || month < 1 || month > 12 || day < 1 || day > 31) {
    return null;
  }

  const epochMs = legacy
    ? guessLegacyEpoch(month, day, clock, f.utc, referenceTime())
    : toEpoch(Number(f.date.slice(0, 4)), month, day, clock, f.utc);
  if (epochMs === null) return null;

  const text = `${f.date} ${f.hour}:${f.minute}:${f.second}`;
  const suffix = (f.fraction === undefined ? '' : `.${f.fraction}`) +
    (f.utc ? 'Z' : '');
  return { text: text + suffix, epochMs, utc: f.utc, legacy };
}

type Clock = [hour: number, minute: number, second: number, ms: number];

function readClock(f: TimeFields): Clock | null {
  const hour = Number(f.hour);
  const minute = Number(f.minute);
  const second = Number(f.second);
  if (hour > 23 || minute > 59 || second > 60) return null;

  const ms = f.fraction === undefined
    ? 0
    : Number(f.fraction.padEnd(3, '0').slice(0, 3));
  return [hour, minute, second, ms];
}

/** Epoch ms of a calendar date, or null when the day does not exist. */
function toEpoch(
  year: number,
  month: number,
  day: number,
  clock: Clock,
  utc: boolean,
): number | null {
  const date = utc
    ? new Date(Date.UTC(year, month - 1, day, ...clock))
    : new Date(year, month - 1, day, ...clock);
  const shownDay = utc ? date.getUTCDate() : date.getDate();
  return shownDay === day ? date.getTime() : null;
}

/**
 * HTCondor's own reader takes the current year, which puts a December event
 * read in January a year into the future; instead take the latest year that
 * does not put the event clearly after the reference time.
 */
function guessLegacyEpoch(
  month: number,
  day: number,
  clock: Clock,
  utc: boolean,
  reference: number,
): number | null {
  const referenceYear = new Date(reference).getFullYear();
  const latest = reference + LEGACY_FUTURE_SLACK_MS;
  for (let back = -1; back <= LEGACY_YEARS_BACK; back += 1) {
    const epoch = toEpoch(referenceYear - back, month, day, clock, utc);
    if (epoch !== null && epoch <= latest) return epoch;
  }
  return null;
}
