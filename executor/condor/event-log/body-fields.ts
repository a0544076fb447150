import {
  firstLine,
  readAttributes,
  readEvictionReason,
  readHost,
  readSlot,
} from './body-lines';
import { EventCode as C } from './event-kinds';
import { textToNumber } from './numeric-text';
import type { CondorEvent } from './types';
import { readUsage } from './usage-lines';

const NORMAL = /^\s*\(1\) Normal termination \(return value (-?\d+)\)/;
const ABNORMAL = /^\s*\(0\) Abnormal termination \(signal (-?\d+)\)/;
const HOLD_CODES = /^\s*Code (-?\d+) Subcode (-?\d+)\s*$/;

type Reader = (e: CondorEvent) => void;

const READERS: Readonly<Record<number, Reader>> = {
  [C.execute]: (e) => {
    set(e, 'host', readHost(e.message));
    set(e, 'slot', readSlot(e.body));
    const tabbed = e.body.filter((l) => l.startsWith('\t'));
    set(e, 'attributes', readAttributes(tabbed));
  },
  [C.evicted]: (e) => {
    readTermination(e);
    set(e, 'reason', readEvictionReason(e.body));
    set(e, 'usage', readUsage(e.body));
  },
  [C.terminated]: readTerminationAndUsage,
  [C.imageSize]: (e) => set(e, 'usage', readUsage(e.body)),
  [C.shadowException]: (e) => {
    set(e, 'reason', firstLine(e.body, (l) => !l.includes('  -  ')));
    set(e, 'usage', readUsage(e.body));
  },
  [C.aborted]: (e) => {
    const isToE = (l: string) => l.startsWith('Job terminated by');
    set(e, 'reason', firstLine(e.body, (l) => !isToE(l)));
  },
  [C.held]: readHold,
  [C.released]: readReason,
  [C.nodeExecute]: (e) => set(e, 'host', readHost(e.message)),
  [C.nodeTerminated]: readTerminationAndUsage,
  [C.postScriptTerminated]: readTermination,
  [C.disconnected]: readReason,
  [C.reconnectFailed]: readReason,
  [C.jobAdInformation]: (e) => set(e, 'attributes', readAttributes(e.body)),
};

/** Sets the typed fields an event's body carries; absent ones stay unset. */
export function addBodyFields(event: CondorEvent): void {
  READERS[event.code]?.(event);
}

function set<K extends keyof CondorEvent>(
  e: CondorEvent,
  key: K,
  value: CondorEvent[K] | undefined,
): void {
  if (value !== undefined) e[key] = value;
}

function readReason(e: CondorEvent): void {
  set(e, 'reason', firstLine(e.body));
}

function readHold(e: CondorEvent): void {
  set(e, 'holdReason', firstLine(e.body, (l) => !HOLD_CODES.test(l)));
  for (const line of e.body) {
    const codes = HOLD_CODES.exec(line);
    if (codes === null) continue;
    e.holdCode = textToNumber(codes[1]);
    e.holdSubcode = textToNumber(codes[2]);
    return;
  }
  // Old writers leave the code line out; HTCondor's reader then says 0/0.
  e.holdCode = 0;
  e.holdSubcode = 0;
}

/** `(1) Normal termination (return value R)` or `(0) Abnormal ... (S)`. */
function readTermination(e: CondorEvent): void {
  for (const line of e.body) {
    const normal = NORMAL.exec(line);
    if (normal !== null) {
      e.terminatedNormally = true;
      e.returnValue = textToNumber(normal[1]);
      return;
    }
    const abnormal = ABNORMAL.exec(line);
    if (abnormal !== null) {
      e.terminatedNormally = false;
      const signal = textToNumber(abnormal[1]);
      // HTCondor's reader reports no signal for -1 except in 015 events.
      if (signal !== undefined && (signal >= 0 || e.code === 15)) e.signal = signal;
      return;
    }
  }
}

function readTerminationAndUsage(e: CondorEvent): void {
  readTermination(e);
  set(e, 'usage', readUsage(e.body));
}
