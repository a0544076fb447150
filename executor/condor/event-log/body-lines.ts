import { isUsageTableHeader } from './usage-table';

/** An old-syntax ClassAd line: `Name = expression`. */
const ATTRIBUTE = /^\s*([A-Za-z_][\w.]*) = (.*)$/s;
/** `(0) CPU times`, `(1) Corefile in: ...` and other numbered status lines. */
const STATUS_LINE = /^\(\d+\) /;
const SLOT_PREFIX = 'SlotName: ';

/** First non-blank body line, trimmed, that passes the filter. */
export function firstLine(
  body: readonly string[],
  accept: (trimmed: string) => boolean = () => true,
): string | undefined {
  for (const raw of body) {
    const line = raw.trim();
    if (line !== '' && accept(line)) return line;
  }
  return undefined;
}

/** Text after `host:` in a 001/014 header, e.g. `<192.0.2.2:9618?...>`. */
export function readHost(message: string): string | undefined {
  const at = message.indexOf('host:');
  const host = at < 0 ? '' : message.slice(at + 'host:'.length).trim();
  return host === '' ? undefined : host;
}

/** The `SlotName: ...` line of a 001 event. */
export function readSlot(body: readonly string[]): string | undefined {
  const line = firstLine(body, (l) => l.startsWith(SLOT_PREFIX));
  const slot = line?.slice(SLOT_PREFIX.length).trim();
  return slot === '' ? undefined : slot;
}

/** `Name = expression` lines, the expression kept as raw ClassAd text. */
export function readAttributes(
  lines: readonly string[],
): Record<string, string> | undefined {
  let attributes: Record<string, string> | undefined;
  for (const line of lines) {
    const m = ATTRIBUTE.exec(line);
    // A plain object would turn `__proto__` into a prototype change.
    if (m?.[1] === undefined || m[2] === undefined || m[1] === '__proto__') {
      continue;
    }
    attributes ??= {};
    attributes[m[1]] = m[2].trimEnd();
  }
  return attributes;
}

/**
 * The free-text line of a 004 comes after the status, usage and byte lines
 * and before any resource table; some versions prefix it with `Reason: `.
 */
export function readEvictionReason(
  body: readonly string[],
): string | undefined {
  const end = body.findIndex(isUsageTableHeader);
  const line = firstLine(
    end < 0 ? body : body.slice(0, end),
    (l) => !STATUS_LINE.test(l) && !l.includes('  -  '),
  );
  return line?.replace(/^Reason: /, '');
}
