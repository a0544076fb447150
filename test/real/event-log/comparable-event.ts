import { parseEventLog, type CondorEvent } from '../../../executor/condor/event-log';
import type { OracleEvent } from '../support/condor-oracle';

/** What both parsers must agree on, event by event. */
export interface ComparableEvent {
  type: number;
  cluster: number;
  proc: number;
  /** Seconds since the epoch (HTCondor keeps no fraction). */
  time: number;
  terminatedNormally?: boolean;
  returnValue?: number;
  signal?: number;
  holdCode?: number;
  holdSubcode?: number;
}

/** Job terminated, node terminated, POST script terminated. */
const TERMINATIONS = new Set([5, 15, 16]);
const HELD = 12;

interface Fields {
  terminatedNormally?: boolean;
  returnValue?: number;
  signal?: number;
  holdCode?: number;
  holdSubcode?: number;
}

function comparable(
  head: Pick<ComparableEvent, 'type' | 'cluster' | 'proc' | 'time'>,
  f: Fields,
): ComparableEvent {
  const e: ComparableEvent = { ...head };
  const { type } = head;
  if (TERMINATIONS.has(type)) {
    e.terminatedNormally = f.terminatedNormally;
    if (f.terminatedNormally) e.returnValue = f.returnValue;
    else e.signal = f.signal;
  }
  if (type === HELD) {
    e.holdCode = f.holdCode;
    e.holdSubcode = f.holdSubcode;
  }
  return e;
}

export function fromOracle(e: OracleEvent): ComparableEvent {
  const { type, cluster, proc, time } = e;
  return comparable({ type, cluster, proc, time }, e);
}

export function fromOurs(e: CondorEvent): ComparableEvent {
  const time = Math.floor(e.time.epochMs / 1000);
  return comparable({ type: e.code, cluster: e.id.cluster, proc: e.id.proc, time }, e);
}

/**
 * HTCondor gives a year-less `MM/DD` date the current year; our reader
 * takes the year nearest its reference time. A reference at the very end of
 * this year makes both rules pick the same year.
 */
export function endOfThisYear(): number {
  return new Date(new Date().getFullYear(), 11, 31, 23, 0, 0).getTime();
}

/** Our parser's events for a whole log, in the comparable shape. */
export function readOurs(text: string): { events: ComparableEvent[]; errors: number } {
  const parsed = parseEventLog(text, { referenceTime: endOfThisYear() });
  return { events: parsed.events.map(fromOurs), errors: parsed.errors.length };
}
