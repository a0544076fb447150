import type { JobId } from '../state/job-ad';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Ids print as `%03d`: `(7.000.000)` becomes `(007.000.000)`. */
export function formatEventId(id: JobId): string {
  return `${pad(id.cluster, 3)}.${pad(id.proc, 3)}.000`;
}

/** ISO header time: the access point's local time, no zone (since 8.9.3). */
export function formatEventTime(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Times inside ToE sentences are UTC with a `Z`. */
export function formatUtcTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function formatHeader(code: number, id: JobId, date: Date, text: string): string {
  return `${pad(code, 3)} (${formatEventId(id)}) ${formatEventTime(date)} ${text}`;
}

/** A daemon address as HTCondor prints it ("sinful string"). */
export function sinful(host: string, sock: string): string {
  return `<127.0.0.1:9618?addrs=127.0.0.1-9618&alias=${host}&noUDP&sock=${sock}>`;
}

/** `Usr D HH:MM:SS, Sys D HH:MM:SS` from user and system seconds. */
export function formatUsage(userSec: number, sysSec: number): string {
  return `Usr ${formatDuration(userSec)}, Sys ${formatDuration(sysSec)}`;
}

function formatDuration(total: number): string {
  const s = Math.max(0, Math.round(total));
  const days = Math.floor(s / 86400);

  return `${days} ${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
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
  const cell = (v: string | undefined, w: number) => (v ?? '').padStart(w);
  const header = `\tPartitionable Resources : ${cell('Usage', 8)} ${cell('Request', 8)} ${cell('Allocated', 9)} `;
  const body = rows.map(
    (r) => `\t   ${r.name.padEnd(20)} : ${cell(r.usage, 8)} ${cell(r.request, 8)} ${cell(r.allocated, 9)} `,
  );

  return [header, ...body];
}
