import type { JobId } from '../state/job-ad';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Ids print as `%03d`: `(7.000.000)` becomes `(007.000.000)`. */
export function formatEventId(id: JobId): string {
  return `${pad(id.cluster, 3)}.${pad(id.proc, 3)}.000`;
}

function clock(h: number, m: number, s: number): string {
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** ISO header time: the access point's local time, no zone (since 8.9.3). */
export function formatEventTime(d: Date): string {
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

  return `${day} ${clock(d.getHours(), d.getMinutes(), d.getSeconds())}`;
}

/** Times inside ToE sentences are UTC with a `Z`. */
export function formatUtcTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function formatHeader(code: number, id: JobId, at: Date, text: string) {
  const time = formatEventTime(at);

  return `${pad(code, 3)} (${formatEventId(id)}) ${time} ${text}`;
}

/** A daemon address as HTCondor prints it ("sinful string"). */
export function sinful(host: string, sock: string): string {
  const addr = '127.0.0.1:9618?addrs=127.0.0.1-9618';

  return `<${addr}&alias=${host}&noUDP&sock=${sock}>`;
}

/** `Usr D HH:MM:SS, Sys D HH:MM:SS` from user and system seconds. */
export function formatUsage(userSec: number, sysSec: number): string {
  return `Usr ${formatDuration(userSec)}, Sys ${formatDuration(sysSec)}`;
}

function formatDuration(total: number): string {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);

  return `${Math.floor(s / 86400)} ${clock(h, m, s % 60)}`;
}

/** `format_time_short`: `H:MM:SS`, with `D+` in front past a day. */
export function formatTimeShort(total: number): string {
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const ms = `${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;

  return days > 0 ? `${days}+${pad(h)}:${ms}` : `${h}:${ms}`;
}

export interface ResourceRow {
  name: string;
  usage?: string;
  request?: string;
  allocated?: string;
}

/** The `Partitionable Resources` table of 004 and 005 events. */
export function formatResourceTable(rows: ResourceRow[]): string[] {
  const cells = (usage = '', request = '', allocated = '') =>
    `${usage.padStart(8)} ${request.padStart(8)} ${allocated.padStart(9)} `;
  const title = 'Partitionable Resources';
  const header = `\t${title} : ${cells('Usage', 'Request', 'Allocated')}`;
  const body = rows.map((r) => {
    const name = r.name.padEnd(20);
    return `\t   ${name} : ${cells(r.usage, r.request, r.allocated)}`;
  });

  return [header, ...body];
}
