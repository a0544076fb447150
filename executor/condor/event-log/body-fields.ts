import { EventCode as C } from './event-kinds';
import type { CondorEvent } from './types';
import { readUsage } from './usage-lines';
import { isUsageTableHeader } from './usage-table';

/** The typed fields an event body can carry. */
export type BodyFields = Partial<
  Omit<CondorEvent, 'code' | 'kind' | 'id' | 'time' | 'message' | 'body'>
>;

const NORMAL = /^\(1\) Normal termination \(return value (-?\d+)\)/;
const ABNORMAL = /^\(0\) Abnormal termination \(signal (-?\d+)\)/;
const HOLD_CODES = /^Code (-?\d+) Subcode (-?\d+)$/;
const ATTRIBUTE = /^([A-Za-z_][\w.]*) = (.*)$/s;
const STATUS_LINE = /^\(\d+\) /;

type Reader = (message: string, body: readonly string[]) => BodyFields;

const READERS: Record<number, Reader> = {
  [C.execute]: readExecute,
  [C.evicted]: (_, body) => ({
    ...readTermination(body),
    reason: readEvictionReason(body),
    usage: readUsage(body),
  }),
  [C.terminated]: (_, body) => ({ ...readTermination(body), usage: readUsage(body) }),
  [C.imageSize]: (_, body) => ({ usage: readUsage(body) }),
  [C.shadowException]: (_, body) => ({
    reason: firstLine(body, (l) => !l.includes('  -  ')),
    usage: readUsage(body),
  }),
  [C.aborted]: (_, body) => ({
    reason: firstLine(body, (l) => !l.startsWith('Job terminated by')),
  }),
  [C.held]: readHeld,
  [C.released]: (_, body) => ({ reason: firstLine(body) }),
  [C.nodeExecute]: (message) => ({ host: readHost(message) }),
  [C.nodeTerminated]: (_, body) => ({
    ...readTermination(body),
    usage: readUsage(body),
  }),
  [C.postScriptTerminated]: (_, body) => readTermination(body),
  [C.disconnected]: (_, body) => ({ reason: firstLine(body) }),
  [C.reconnectFailed]: (_, body) => ({ reason: firstLine(body) }),
  [C.jobAdInformation]: (_, body) => ({ attributes: readAttributes(body) }),
};

/** Reads the fields of one event; fields that are absent stay undefined. */
export function readBodyFields(
  code: number,
  message: string,
  body: readonly string[],
): BodyFields {
  const reader = READERS[code];
  if (reader === undefined) return {};

  const fields = reader(message, body);
  for (const key of Object.keys(fields) as (keyof BodyFields)[]) {
    if (fields[key] === undefined) delete fields[key];
  }
  return fields;
}

function readExecute(message: string, body: readonly string[]): BodyFields {
  const slotLine = body.find((l) => l.trim().startsWith('SlotName: '));
  const attrs = readAttributes(body.filter((l) => l.startsWith('\t')));
  return {
    host: readHost(message),
    slot: slotLine?.trim().slice('SlotName: '.length).trim() || undefined,
    attributes: attrs,
  };
}

function readHeld(_: string, body: readonly string[]): BodyFields {
  const codes = body.map((l) => HOLD_CODES.exec(l.trim())).find((m) => m);
  return {
    holdReason: firstLine(body, (l) => !HOLD_CODES.test(l)),
    holdCode: codes ? Number(codes[1]) : undefined,
    holdSubcode: codes ? Number(codes[2]) : undefined,
  };
}

/** `(1) Normal termination (return value R)` or `(0) Abnormal ... (signal S)`. */
function readTermination(body: readonly string[]): BodyFields {
  for (const raw of body) {
    const line = raw.trim();
    const normal = NORMAL.exec(line);
    if (normal) return { terminatedNormally: true, returnValue: Number(normal[1]) };

    const abnormal = ABNORMAL.exec(line);
    if (abnormal) return { terminatedNormally: false, signal: Number(abnormal[1]) };
  }
  return {};
}

/**
 * The free-text line of a 004 comes after the status, usage and byte lines
 * and before any resource table; some versions prefix it with `Reason: `.
 */
function readEvictionReason(body: readonly string[]): string | undefined {
  const end = body.findIndex(isUsageTableHeader);
  const line = firstLine(
    end < 0 ? body : body.slice(0, end),
    (l) => !STATUS_LINE.test(l) && !l.includes('  -  '),
  );
  return line?.replace(/^Reason: /, '');
}

/** Text after `host:` in a 001/014 header, e.g. `<192.0.2.2:9618?...>`. */
function readHost(message: string): string | undefined {
  const at = message.indexOf('host:');
  const host = at < 0 ? '' : message.slice(at + 'host:'.length).trim();
  return host === '' ? undefined : host;
}

function readAttributes(
  lines: readonly string[],
): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  let found = false;
  for (const raw of lines) {
    const m = ATTRIBUTE.exec(raw.trim());
    if (m?.[1] === undefined || m[2] === undefined) continue;
    // A plain object would turn this name into a prototype change.
    if (m[1] === '__proto__') continue;
    attributes[m[1]] = m[2];
    found = true;
  }
  return found ? attributes : undefined;
}

/** First non-blank body line, trimmed, that passes the filter. */
function firstLine(
  body: readonly string[],
  accept: (trimmed: string) => boolean = () => true,
): string | undefined {
  for (const raw of body) {
    const line = raw.trim();
    if (line !== '' && accept(line)) return line;
  }
  return undefined;
}
