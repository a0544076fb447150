import { readBodyFields } from './body-fields';
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
 * blank lines inside a body are part of it. A line that cannot start an event is recorded in `errors` and
 * everything up to the next `...` is skipped.
 */
export class EventLogReader {
  /** Malformed stretches skipped so far, in log order. */
  readonly errors: EventLogError[] = [];

  private readonly now: () => number;
  /** Pieces of a line whose newline has not arrived yet. */
  private fragments: string[] = [];
  /** Raw lines (a `\r` kept) since the last `...`. */
  private raw: string[] = [];
  private header: EventHeader | null = null;
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
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      const line =
        this.fragments.length === 0 ? piece : this.fragments.join('') + piece;
      this.fragments = [];
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
    const tail = this.fragments.join('');
    const text = this.raw.length === 0 ? tail : `${this.raw.join('\n')}\n${tail}`;
    this.fragments = [];
    this.resetEvent();
    return { partial: text.trim() === '' ? null : text };
  }

  private takeLine(rawLine: string, events: CondorEvent[]): void {
    this.lineNumber += 1;
    const line = stripCarriageReturn(rawLine);
    if (line === SYNC_LINE) {
      this.finishEvent(events);
      return;
    }

    this.raw.push(rawLine);
    if (this.header !== null || this.skipping || line.trim() === '') return;

    const header = parseHeader(line, this.now);
    if ('error' in header) {
      this.reportError(line, header.error);
      return;
    }
    this.header = header;
    this.raw = [rawLine];
  }

  private finishEvent(events: CondorEvent[]): void {
    const header = this.header;
    if (header !== null) {
      const body = this.raw.slice(1).map(stripCarriageReturn);
      const fields = readBodyFields(header.code, header.message, body);
      events.push({ ...header, body, ...fields });
    } else if (!this.skipping) {
      this.reportError(SYNC_LINE, 'end-of-event line without an event');
    }
    this.resetEvent();
  }

  private reportError(line: string, message: string): void {
    const text = line.length > MAX_ERROR_TEXT ? line.slice(0, MAX_ERROR_TEXT) : line;
    this.errors.push({ line: this.lineNumber, text, message });
    this.skipping = true;
  }

  private resetEvent(): void {
    this.raw = [];
    this.header = null;
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
  // A whole file may lack the newline after its last `...`.
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  const complete = stripCarriageReturn(lastLine) === SYNC_LINE;
  const events = reader.push(complete ? `${text}\n` : text);
  const { partial } = reader.end();
  return { events, partial, errors: reader.errors };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
