import { crc32 } from 'node:zlib';
import { startFakeCoordinator, type FakeCoordinator } from '..';

const job = { id: 77, token: 'job-token-1', job_info: { name: 'demo' }, variables: [] };
let gl: FakeCoordinator;
let traced: string[];

beforeEach(async () => {
  traced = [];
  const onTrace = (t: string) => void traced.push(t);
  gl = await startFakeCoordinator({ job, runnerToken: 'runner-1', onTrace });
});
afterEach(() => gl.close());

function call(
  method: string,
  path: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
) {
  const all = { 'JOB-TOKEN': job.token, ...headers };
  return fetch(new URL(path, gl.url), { method, body, headers: all });
}

const patch = (start: number, text: string) =>
  call('PATCH', 'api/v4/jobs/77/trace?debug_trace=false', text, {
    'Content-Range': `${start}-${start + Buffer.byteLength(text) - 1}`,
  });

const update = (body: object) => call('PUT', 'api/v4/jobs/77', JSON.stringify(body));

test('hands the job out once, to the right runner token only', async () => {
  const ask = (token: string) =>
    call('POST', 'api/v4/jobs/request', JSON.stringify({ token }));

  expect((await ask('wrong')).status).toBe(403);
  const first = await ask('runner-1');
  expect(first.status).toBe(201);
  expect(await first.json()).toEqual(job);
  expect((await ask('runner-1')).status).toBe(204);
  expect(gl.record.jobRequests).toBe(3);
});

test('stores the trace as GitLab does: appends at its length, else 416', async () => {
  expect((await patch(0, 'héllo ')).status).toBe(202);
  const gap = await patch(20, 'lost');
  expect(gap.status).toBe(416);
  expect(gap.headers.get('Range')).toBe('0-7');
  expect((await patch(7, 'world\n')).status).toBe(202);

  expect(gl.record.trace.toString()).toBe('héllo world\n');
  expect(traced).toEqual(['héllo ', 'world\n']);
  const seen = gl.record.patches.map((p) => [p.start, p.status]);
  expect(seen).toEqual([[0, 202], [20, 416], [7, 202]]);
});

test('checks the final checksum against the trace, records the outcome', async () => {
  await patch(0, 'output\n');
  const crc = crc32(Buffer.from('output\n')).toString(16).padStart(8, '0');
  const checksum = `crc32:${crc}`;
  await update({ state: 'running' });
  const done = await update({
    state: 'failed', failure_reason: 'script_failure', exit_code: 3,
    output: { checksum, bytesize: 7 },
  });

  expect(done.status).toBe(200);
  expect(await gl.waitForFinal(1000)).toMatchObject({
    status: 'failed', failureReason: 'script_failure', exitCode: 3, checksumMatches: true,
  });
  expect((await patch(7, 'late')).status).toBe(403);
});

test('a wrong checksum is recorded as a mismatch', async () => {
  await patch(0, 'output\n');
  await update({ state: 'success', output: { checksum: 'crc32:00000000', bytesize: 7 } });
  expect(gl.record.final).toMatchObject({ status: 'success', checksumMatches: false });
});

test('after a cancel request answers say canceling; the job ends canceled', async () => {
  expect((await update({ state: 'running' })).headers.get('Job-Status')).toBeNull();
  gl.requestCancel();
  expect((await patch(0, 'x')).headers.get('Job-Status')).toBe('canceling');
  const again = await update({ state: 'running' });
  expect(again.headers.get('Job-Status')).toBe('canceling');
  await update({ state: 'failed', failure_reason: 'script_failure' });

  expect(gl.record.final?.status).toBe('canceled');
  const asked = gl.record.cancelRequestedAt ?? Infinity;
  expect(gl.record.cancelSentAt).toBeGreaterThanOrEqual(asked);
});

test('keeps the uploaded artifact archive byte for byte', async () => {
  const data = Buffer.from([
    0x50, 0x4b, 0x03, 0x04, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x00, 0x0d, 0x0a,
  ]);
  const boundary = 'b0undary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; `),
    Buffer.from('name="file"; filename="artifacts.zip"\r\n'),
    Buffer.from('Content-Type: application/octet-stream\r\n\r\n'), data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const query = 'artifact_format=zip&artifact_type=archive&expire_in=1+week';
  const res = await call('POST', `api/v4/jobs/77/artifacts?${query}`, body, {
    'Content-Type': `multipart/form-data; boundary=${boundary}`,
  });

  expect(res.status).toBe(201);
  expect(gl.record.artifacts).toHaveLength(1);
  expect(gl.record.artifacts[0]).toMatchObject({
    fileName: 'artifacts.zip', format: 'zip', type: 'archive', expireIn: '1 week',
  });
  expect(gl.record.artifacts[0]?.data.equals(data)).toBe(true);
});

test('refuses a wrong job token and notes requests it does not serve', async () => {
  const stranger = { 'JOB-TOKEN': 'nope' };
  const running = '{"state":"running"}';
  expect((await call('PUT', 'api/v4/jobs/77', running, stranger)).status).toBe(403);
  expect((await call('PUT', 'api/v4/jobs/78', '{"state":"running"}')).status).toBe(404);
  expect((await call('GET', 'api/v4/runners/verify', undefined)).status).toBe(404);
  expect(gl.unexpected).toEqual(['GET /api/v4/runners/verify']);
  expect(gl.record.updates).toEqual([]);
});
