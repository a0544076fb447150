import { textToNumber } from './numeric-text';
import type { EventTime } from './types';

/** The date and time fields of an event header, still as digits. */
export interface TimeFields {
  /** The whole date and time as written. */
  text: string;
  /** `YYYY-MM-DD` or `MM/DD`. */
  date: string;
  hour: string;
  minute: string;
  second: string;
  /** Digits after the decimal point, or undefined. */
  fraction: string | undefined;
  utc: boolean;
}

/**
 * How far after the reference time a legacy date may fall before the year
 * before is preferred: covers a reference taken a moment before the event
 * was written, but not a whole year's difference.
 */
const LEGACY_FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** How many years back a legacy date is tried (a 29 February needs four). */
const LEGACY_YEARS_BACK = 8;

/**
 * Converting a local date is the costly part and events mostly share their
 * minute with others, so minute starts are kept, each with the range of
 * reference times for which its year guess holds. Clock changes happen on
 * whole minutes, so seconds can simply be added.
 */
interface MinuteEntry {
  start: number;
  validFrom: number;
  validUntil: number;
}
const minuteCache = new Map<string, MinuteEntry>();
const MINUTE_CACHE_SIZE = 4096;

/** Builds the event time, or returns null when the fields are no real date. */
export function parseEventTime(
  f: TimeFields,
  referenceTime: () => number,
): EventTime | null {
  const second = textToNumber(f.second);
  const hour = textToNumber(f.hour);
  const minute = textToNumber(f.minute);
  if (hour > 23 || minute > 59 || second > 60) return null;

  const legacy = f.date.length === 5;
  const latest = legacy ? referenceTime() + LEGACY_FUTURE_SLACK_MS : 0;
  const start = minuteStart(f, legacy, latest);
  if (start === null) return null;

  const ms =
    f.fraction === undefined
      ? 0
      : textToNumber(f.fraction.padEnd(3, '0').slice(0, 3));
  const epochMs = start + second * 1000 + ms;
  return { text: f.text, epochMs, utc: f.utc, legacy };
}

function minuteStart(
  f: TimeFields,
  legacy: boolean,
  latest: number,
): number | null {
  const key = `${f.date} ${f.hour}:${f.minute}${f.utc ? 'Z' : ''}`;
  const cached = minuteCache.get(key);
  if (cached && cached.validFrom <= latest && latest < cached.validUntil) {
    return cached.start;
  }

  const entry = legacy ? guessLegacyYear(f, latest) : isoMinute(f);
  if (entry === null) return null;

  if (minuteCache.size >= MINUTE_CACHE_SIZE) minuteCache.clear();
  minuteCache.set(key, entry);
  return entry.start;
}

function isoMinute(f: TimeFields): MinuteEntry | null {
  const start = toMinuteStart(textToNumber(f.date.slice(0, 4)), f);
  return start === null
    ? null
    : { start, validFrom: -Infinity, validUntil: Infinity };
}

/** Epoch ms at the start of the fields' minute in a given year, or null. */
function toMinuteStart(year: number, f: TimeFields): number | null {
  const legacy = f.date.length === 5;
  const month = textToNumber(f.date.slice(legacy ? 0 : 5, legacy ? 2 : 7));
  const day = textToNumber(f.date.slice(legacy ? 3 : 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;

  const hour = textToNumber(f.hour);
  const minute = textToNumber(f.minute);
  const date = f.utc
    ? new Date(Date.UTC(year, month - 1, day, hour, minute))
    : new Date(year, month - 1, day, hour, minute);
  const shownDay = f.utc ? date.getUTCDate() : date.getDate();
  return shownDay === day ? date.getTime() : null;
}

/**
 * HTCondor's own reader takes the current year, which puts a December event
 * read in January a year into the future; instead take the latest year that
 * does not put the event after `latest`. The guess holds while `latest`
 * stays below the next candidate year (decided on the minute).
 */
function guessLegacyYear(f: TimeFields, latest: number): MinuteEntry | null {
  const firstYear = new Date(latest).getFullYear() + 1;
  let validUntil = latest + 1;
  for (let year = firstYear; year >= firstYear - LEGACY_YEARS_BACK; year -= 1) {
    const start = toMinuteStart(year, f);
    if (start === null) continue;
    if (start <= latest) return { start, validFrom: start, validUntil };
    validUntil = start;
  }
  return null;
}
