import type { ComparableEvent } from './comparable-event';

/**
 * A way in which HTCondor's JobEventLog and our reader read the same file
 * differently. The file's exact comparison is registered with
 * `test.failing`; a second comparison, with the difference taken out by
 * `adjustText` / `adjustOurs`, must still agree on everything else.
 */
export interface LogDisagreement {
  tag: string;
  adjustText?: (text: string) => string;
  adjustOurs?: (e: ComparableEvent) => ComparableEvent;
}

/**
 * A blank line after an event's `...`: JobEventLog stops there and reports
 * no event after it (106 of 267 in chtc-held-shadowexc-iso.log, line 535);
 * executor/condor/event-log/reader.ts skips the blank and reads on.
 */
const BLANK_BETWEEN_EVENTS: LogDisagreement = {
  tag: 'JobEventLog stops at a blank line between events; reader.ts reads on',
  adjustText: (text) => text.replace(/^\.\.\.\n(?:[ \t]*\n)+/gm, '...\n'),
};

/**
 * A 012 event without a `Code N Subcode M` line: JobEventLog reports
 * HoldReasonCode 0 and HoldReasonSubCode 0; body-fields.ts leaves
 * holdCode and holdSubcode undefined.
 */
const HOLD_WITHOUT_CODE: LogDisagreement = {
  tag: 'hold without a code line: JobEventLog says 0/0, body-fields.ts undefined',
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
  adjustOurs: (e) => {
    if (e.signal !== -1 || e.type === 15) return e;
    const { signal: _ignored, ...rest } = e;
    return rest;
  },
};

export const SAMPLE_DISAGREEMENTS: Record<string, LogDisagreement[]> = {
  'chtc-held-shadowexc-iso.log': [BLANK_BETWEEN_EVENTS],
  'htcondor-testwritelog-alltypes-oldfmt.log': [HOLD_WITHOUT_CODE, SIGNAL_MINUS_ONE],
};
