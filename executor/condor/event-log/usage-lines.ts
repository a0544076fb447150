import { isEmptyObject, isFiniteNumber, textToNumber } from './numeric-text';
import type { EventUsage } from './types';
import { isUsageTableHeader, readUsageTable } from './usage-table';

/** `Usr D HH:MM:SS, Sys D HH:MM:SS  -  Run Remote Usage` */
const REMOTE_USAGE = new RegExp(
  '^\\s*Usr (\\d+) (\\d+):(\\d+):(\\d+), Sys (\\d+) (\\d+):(\\d+):(\\d+)' +
    ' {2}- {2}Run Remote Usage$',
);

/** `N  -  Run Bytes Sent By Job` (By Node for parallel nodes). */
const RUN_BYTES =
  /^\s*(\d+(?:\.\d+)?) {2}- {2}Run Bytes (Sent|Received) By \w+$/;

/** `N  -  MemoryUsage of job (MB)` in 006 events. */
const MEMORY_USAGE = /^\s*(\d+) {2}- {2}MemoryUsage of job \(MB\)$/;

/** Collects the usage figures found anywhere in a body. */
export function readUsage(body: readonly string[]): EventUsage | undefined {
  const usage: EventUsage = {};
  for (let i = 0; i < body.length; i += 1) {
    const raw = body[i] ?? '';
    if (isUsageTableHeader(raw)) {
      const { table, next } = readUsageTable(body, i);
      setNumber(usage, 'memoryMb', table['Memory (MB)']?.Usage);
      setNumber(usage, 'diskKb', table['Disk (KB)']?.Usage);
      i = next - 1;
      continue;
    }
    if (raw.includes('  -  ')) readUsageLine(raw, usage);
  }
  return isEmptyObject(usage) ? undefined : usage;
}

function readUsageLine(line: string, usage: EventUsage): void {
  const remote = REMOTE_USAGE.exec(line);
  if (remote !== null && usage.remoteUserCpuS === undefined) {
    usage.remoteUserCpuS = toSeconds(remote.slice(1, 5));
    usage.remoteSysCpuS = toSeconds(remote.slice(5, 9));
    return;
  }

  const bytes = RUN_BYTES.exec(line);
  if (bytes !== null) {
    const key = bytes[2] === 'Sent' ? 'bytesSent' : 'bytesReceived';
    setNumber(usage, key, bytes[1]);
    return;
  }

  setNumber(usage, 'memoryMb', MEMORY_USAGE.exec(line)?.[1]);
}

/** Days, hours, minutes, seconds to seconds. */
function toSeconds(parts: readonly (string | undefined)[]): number {
  const [d, h, m, s] = parts.map((p) => textToNumber(p ?? '0'));
  return (((d ?? 0) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60 + (s ?? 0);
}

function setNumber(
  usage: EventUsage,
  key: keyof EventUsage,
  text: string | undefined,
): void {
  if (text === undefined || usage[key] !== undefined) return;
  const value = textToNumber(text);
  if (isFiniteNumber(value)) usage[key] = value;
}
