import { readOurs, type ComparableEvent } from './comparable-event';

/**
 * A way in which HTCondor's JobEventLog and our reader read the same file
 * differently. While `stillOurs` finds our reader behaving so, the file's
 * exact comparison is registered with `test.failing` and a second
 * comparison, with the difference taken out by `adjustText` / `adjustOurs`,
 * must still agree on everything else; once our reader changes, the file
 * is compared exactly again.
 */
export interface LogDisagreement {
  tag: string;
  /** Our reader still reads a small example the way described. */
  stillOurs: () => boolean;
  adjustText?: (text: string) => string;
  adjustOurs?: (e: ComparableEvent) => ComparableEvent;
}

const SUBMIT = '000 (001.000.000) 2024-04-30 18:37:51 Job submitted from host: <192.0.2.1:9618>\n';
const HELD = '012 (001.000.000) 2024-04-30 18:37:52 Job was held.\n...\n';
const SIGNAL_MINUS_ONE_EVENT =
  '005 (001.000.000) 2024-04-30 18:37:53 Job terminated.\n' +
  '\t(0) Abnormal termination (signal -1)\n\t(0) No core file\n...\n';

/**
 * A blank line after an event's `...`: JobEventLog stops there and reports
 * no event after it (106 of 267 in chtc-held-shadowexc-iso.log, line 535);
 * executor/condor/event-log/reader.ts skips the blank and reads on.
 */
const BLANK_BETWEEN_EVENTS: LogDisagreement = {
  tag: 'JobEventLog stops at a blank line between events; reader.ts reads on',
  stillOurs: () => readOurs(`${SUBMIT}...\n\n${SUBMIT}...\n`).events.length === 2,
  adjustText: (text) => text.replace(/^\.\.\.\n(?:[ \t]*\n)+/gm, '...\n'),
};

/**
 * A 012 event without a `Code N Subcode M` line: JobEventLog reports
 * HoldReasonCode 0 and HoldReasonSubCode 0; body-fields.ts leaves
 * holdCode and holdSubcode undefined.
 */
const HOLD_WITHOUT_CODE: LogDisagreement = {
  tag: 'hold without a code line: JobEventLog says 0/0, body-fields.ts undefined',
  stillOurs: () => readOurs(HELD).events[0]?.holdCode === undefined,
  adjustOurs: (e) =>
    e.type === 12 && e.holdCode === undefined ? { ...e, holdCode: 0, holdSubcode: 0 } : e,
};

/**
 * `Abnormal termination (signal -1)` in 005 and 016 events: JobEventLog
 * treats -1 as no signal and reports none (in 015 it does report -1);
 * body-fields.ts reports signal -1 in all three.
 */
const SIGNAL_MINUS_ONE: LogDisagreement = {
  tag: 'signal -1 in 005/016: JobEventLog reports none, body-fields.ts -1',
  stillOurs: () => readOurs(SIGNAL_MINUS_ONE_EVENT).events[0]?.signal === -1,
  adjustOurs: (e) => {
    if (e.signal !== -1 || e.type === 15) return e;
    const { signal: _ignored, ...rest } = e;
    return rest;
  },
};

const KNOWN: Record<string, LogDisagreement[]> = {
  'chtc-held-shadowexc-iso.log': [BLANK_BETWEEN_EVENTS],
  'htcondor-testwritelog-alltypes-oldfmt.log': [HOLD_WITHOUT_CODE, SIGNAL_MINUS_ONE],
};

/** The disagreements still seen in a sample file, if any. */
export function sampleDisagreements(name: string): LogDisagreement[] | undefined {
  const still = (KNOWN[name] ?? []).filter((d) => d.stillOurs());
  return still.length > 0 ? still : undefined;
}
