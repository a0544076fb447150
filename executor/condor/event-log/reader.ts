import { addBodyFields } from './body-fields';
import { parseHeader, type EventHeader } from './header';
import type {
  CondorEvent,
  EventLogError,
  EventLogReaderOptions,
  ParsedEventLog,
} from './types';

/** The line that ends every event (HTCondor's "synch delimiter"). */
const SYNC_LINE = '...';
const MAX_ERROR_TEXT = 200;

/**
 * Reads a job event log incrementally. Feed it the text as it grows, in
 * chunks split anywhere (decode bytes with a StringDecoder first, so that a
 * character is never split); each call returns the events completed by it.
 * An event is complete once the newline after its `...` line has arrived:
 * blank lines inside a body are part of it. Blank lines between events are
 * ignored. A line that cannot start an event is recorded in `errors` and
 * everything up to the next `...` is skipped; the reader never throws on
 * log content.
 */
export class EventLogReader {
  /** Malformed stretches skipped so far, in log order. */
  readonly errors: EventLogError[] = [];

  private readonly now: () => number;
  /** Pieces of a line whose newline has not arrived yet. */
  private fragments: string[] = [];
  private header: EventHeader | null = null;
  private headerLine = '';
  /** Raw lines since the header (or since the last `...` when none yet). */
  private lines: string[] = [];
  private sawCarriageReturn = false;
  private skipping = false;
  private lineNumber = 0;

  constructor(opts: EventLogReaderOptions = {}) {
    const fixed = opts.referenceTime;
    this.now = fixed === undefined ? Date.now : () => fixed;
  }

  /** Adds text; returns the events it completed, in log order. */
  push(chunk: string): CondorEvent[] {
    const events: CondorEvent[] = [];
    let start = 0;
    let nl = chunk.indexOf('\n');
    for (; nl >= 0; nl = chunk.indexOf('\n', start)) {
      let line = chunk.slice(start, nl);
      if (this.fragments.length > 0) {
        line = this.fragments.join('') + line;
        this.fragments = [];
      }
      this.takeLine(line, events);
      start = nl + 1;
    }
    if (start < chunk.length) this.fragments.push(chunk.slice(start));
    return events;
  }

  /**
   * Reports the text after the last complete event (an event still being
   * written, or a log cut short) and starts over with an empty buffer.
   */
  end(): { partial: string | null } {
    const lines =
      this.header === null ? this.lines : [this.headerLine, ...this.lines];
    const tail = this.fragments.join('');
    const text = lines.length === 0 ? tail : `${lines.join('\n')}\n${tail}`;
    this.fragments = [];
    this.resetEvent();
    return { partial: text.trim() === '' ? null : text };
  }

  private takeLine(rawLine: string, events: CondorEvent[]): void {
    this.lineNumber += 1;
    const cr = rawLine.endsWith('\r');
    const line = cr ? rawLine.slice(0, -1) : rawLine;
    if (line === SYNC_LINE) {
      this.finishEvent(events);
      return;
    }

    this.lines.push(rawLine);
    this.sawCarriageReturn ||= cr;
    if (this.header !== null || this.skipping || line.trim() === '') return;

    const header = parseHeader(line, this.now);
    if ('error' in header) {
      this.reportError(line, header.error);
      return;
    }
    this.header = header;
    this.headerLine = rawLine;
    this.lines = [];
    this.sawCarriageReturn = false;
  }

  private finishEvent(events: CondorEvent[]): void {
    const h = this.header;
    if (h !== null) {
      const raw = this.lines;
      const body = this.sawCarriageReturn ? raw.map(stripCarriageReturn) : raw;
      const event: CondorEvent = {
        code: h.code,
        kind: h.kind,
        id: h.id,
        time: h.time,
        message: h.message,
        body,
      };
      addBodyFields(event);
      events.push(event);
    } else if (!this.skipping) {
      this.reportError(SYNC_LINE, 'end-of-event line without an event');
    }
    this.resetEvent();
  }

  private reportError(line: string, message: string): void {
    const text = line.slice(0, MAX_ERROR_TEXT);
    this.errors.push({ line: this.lineNumber, text, message });
    this.skipping = true;
  }

  private resetEvent(): void {
    this.lines = [];
    this.header = null;
    this.headerLine = '';
    this.sawCarriageReturn = false;
    this.skipping = false;
  }
}

/**
 * Parses a whole log at once; see EventLogReader for the rules. The final
 * `...` of a file counts even without a newline after it.
 */
export function parseEventLog(
  text: string,
  opts?: EventLogReaderOptions,
): ParsedEventLog {
  const reader = new EventLogReader(opts);
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  const complete = stripCarriageReturn(lastLine) === SYNC_LINE;
  const events = reader.push(complete ? `${text}\n` : text);
  const { partial } = reader.end();
  return { events, partial, errors: reader.errors };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
