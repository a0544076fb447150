import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  patchTrace, requestJob, updateJob, uploadArtifacts, type Reply, type RouteContext,
} from './job-routes';
import type {
  CoordinatorRecord, FakeCoordinatorOptions, FinalJob, ResolvedOptions,
} from './types';

export interface FakeCoordinator {
  /** `http://127.0.0.1:PORT/`: the runner's `--url`. */
  url: string;
  record: CoordinatorRecord;
  /** Requests GitLab would not send for this job, e.g. `GET /api/v4/x`. */
  unexpected: string[];
  /** Like the Cancel button: later PUTs and PATCHes answer `canceling`. */
  requestCancel(): void;
  waitForFinal(timeoutMs: number): Promise<FinalJob>;
  close(): Promise<void>;
}

type Route = (c: RouteContext) => Reply;

const ROUTES: [string, RegExp, Route][] = [
  ['POST', /^\/api\/v4\/jobs\/request$/, requestJob],
  ['PUT', /^\/api\/v4\/jobs\/(\d+)$/, updateJob],
  ['PATCH', /^\/api\/v4\/jobs\/(\d+)\/trace$/, patchTrace],
  ['POST', /^\/api\/v4\/jobs\/(\d+)\/artifacts$/, uploadArtifacts],
];

/** Largest request body read; an artifact archive of a test job fits. */
const MAX_BODY = 256 * 1024 * 1024;

/** Starts the coordinator on a free port of 127.0.0.1. */
export async function startFakeCoordinator(
  given: FakeCoordinatorOptions,
): Promise<FakeCoordinator> {
  let options: ResolvedOptions | undefined;
  const record: CoordinatorRecord = {
    jobRequests: 0, patches: [], updates: [], artifacts: [], trace: Buffer.alloc(0),
  };
  const unexpected: string[] = [];
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const notReady = { status: 503 };
        send(res, options ? route(req, body, options, record, unexpected) : notReady);
      })
      .catch((err: Error) => send(res, { status: 500, json: { message: err.message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const job = typeof given.job === 'function' ? await given.job(url) : given.job;
  options = { ...given, job };

  return {
    url,
    record,
    unexpected,
    requestCancel: () => void (record.cancelRequestedAt ??= Date.now()),
    waitForFinal: (timeoutMs) => waitForFinal(record, timeoutMs),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function route(
  req: IncomingMessage, body: Buffer, options: ResolvedOptions,
  record: CoordinatorRecord, unexpected: string[],
): Reply {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  for (const [method, path, handler] of ROUTES) {
    const m = path.exec(url.pathname);
    if (req.method !== method || !m) continue;
    if (m[1] !== undefined && Number(m[1]) !== options.job.id) return { status: 404 };
    const query = url.searchParams;
    return handler({ options, record, headers: req.headers, query, body });
  }
  unexpected.push(`${req.method} ${url.pathname}`);
  return { status: 404 };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const body = reply.json === undefined ? '' : JSON.stringify(reply.json);
  const type = body ? { 'Content-Type': 'application/json' } : {};
  res.writeHead(reply.status, { ...type, ...reply.headers });
  res.end(body);
}

async function waitForFinal(
  record: CoordinatorRecord,
  timeoutMs: number,
): Promise<FinalJob> {
  const deadline = Date.now() + timeoutMs;
  while (!record.final) {
    if (Date.now() > deadline) {
      throw new Error(`no final job update within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return record.final;
}
