import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { boundaryOf, parseMultipart } from './multipart';
import type { CoordinatorRecord, FinalJob, ResolvedOptions } from './types';

/** What a route answers: status, headers and an optional JSON body. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
}

export interface RouteContext {
  options: ResolvedOptions;
  record: CoordinatorRecord;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  body: Buffer;
}

const FINAL_STATES = new Set(['success', 'failed']);

/** `POST /api/v4/jobs/request`: the one job once, then "no job". */
export function requestJob(c: RouteContext): Reply {
  c.record.jobRequests += 1;
  const asked = JSON.parse(c.body.toString('utf8') || '{}') as { token?: string };
  if (asked.token !== c.options.runnerToken) return { status: 403 };
  if (c.record.jobHandedOutAt !== undefined) return { status: 204 };
  c.record.jobHandedOutAt = Date.now();
  return { status: 201, json: c.options.job };
}

/** Headers GitLab adds to PUT and PATCH answers. */
function stateHeaders(c: RouteContext, now: number): Record<string, string> {
  const headers: Record<string, string> = {
    'X-GitLab-Trace-Update-Interval': String(c.options.traceUpdateIntervalS ?? 1),
  };
  if (c.record.cancelRequestedAt !== undefined && !c.record.final) {
    headers['Job-Status'] = 'canceling';
    c.record.cancelSentAt ??= now;
  }
  return headers;
}

function hasJobToken(c: RouteContext): boolean {
  return c.headers['job-token'] === c.options.job.token;
}

/** `PUT /api/v4/jobs/:id`: state updates, keep-alives and the final state. */
export function updateJob(c: RouteContext): Reply {
  if (!hasJobToken(c)) return { status: 403 };
  const now = Date.now();
  const u = JSON.parse(c.body.toString('utf8')) as {
    state: string; failure_reason?: string; exit_code?: number;
    checksum?: string; output?: { checksum?: string; bytesize?: number };
  };
  const headers = stateHeaders(c, now);
  const checksum = u.output?.checksum ?? u.checksum;
  c.record.updates.push({
    at: now, state: u.state, failureReason: u.failure_reason, exitCode: u.exit_code,
    checksum, bytesize: u.output?.bytesize, answered: headers['Job-Status'],
  });
  if (FINAL_STATES.has(u.state) && !c.record.final) {
    c.record.final = finalJob(c, u, checksum, now);
  }
  return { status: 200, headers };
}

function finalJob(
  c: RouteContext,
  u: { state: string; failure_reason?: string; exit_code?: number },
  checksum: string | undefined,
  at: number,
): FinalJob {
  const canceled = c.record.cancelRequestedAt !== undefined;
  const status = canceled ? 'canceled' : (u.state as 'success' | 'failed');
  const stored = `crc32:${crc32(c.record.trace).toString(16).padStart(8, '0')}`;
  return {
    status, failureReason: u.failure_reason, exitCode: u.exit_code,
    checksumMatches: checksum === stored, at,
  };
}

/** `PATCH /api/v4/jobs/:id/trace`: appends at the stored length only. */
export function patchTrace(c: RouteContext): Reply {
  if (!hasJobToken(c)) return { status: 403 };
  if (c.record.final) return { status: 403 };
  const now = Date.now();
  const range = String(c.headers['content-range'] ?? '');
  const [start, end] = (/^(\d+)-(\d+)$/.exec(range) ?? []).slice(1).map(Number);
  const text = c.body.toString('utf8');
  const stored = c.record.trace.length;
  const fits = start === stored && end === start + c.body.length - 1;
  const status = fits ? 202 : 416;
  c.record.patches.push({ at: now, start: start ?? -1, end: end ?? -1, status, text });
  const length = fits ? stored + c.body.length : stored;
  const headers = { ...stateHeaders(c, now), Range: `0-${length}` };
  if (!fits) return { status, headers };
  c.record.trace = Buffer.concat([c.record.trace, c.body]);
  c.options.onTrace?.(text);
  return { status, headers };
}

/** `POST /api/v4/jobs/:id/artifacts`: keeps the uploaded archive. */
export function uploadArtifacts(c: RouteContext): Reply {
  if (!hasJobToken(c)) return { status: 403 };
  const boundary = boundaryOf(c.headers['content-type']);
  const parts = boundary ? parseMultipart(c.body, boundary) : [];
  const file = parts.find((p) => p.name === 'file');
  if (!file) return { status: 400, json: { message: 'file is missing' } };
  c.record.artifacts.push({
    at: Date.now(), fileName: file.fileName ?? '', data: file.data,
    format: c.query.get('artifact_format') ?? undefined,
    type: c.query.get('artifact_type') ?? undefined,
    expireIn: c.query.get('expire_in') ?? undefined,
  });
  return { status: 201, json: {} };
}
