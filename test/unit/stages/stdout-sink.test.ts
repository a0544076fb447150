import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StdoutSink } from '../../../executor/log/stdout-sink';
import { JobOutput } from '../../../executor/stages/remote/job-output';

let dir: string;
let fifo: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stdout-sink-'));
  fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that show any reordering or loss: each 4-byte word is its index. */
function pattern(words: number, from = 0): Buffer {
  const b = Buffer.alloc(words * 4);
  for (let i = 0; i < words; i += 1) b.writeUInt32BE(from + i, i * 4);
  return b;
}

test('a blocking pipe gets every byte in order, without the stream', async () => {
  const copy = join(dir, 'copy');
  const reader = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', fifo, copy]);
  const fd = openSync(fifo, constants.O_WRONLY);
  let opened = false;
  const sink = new StdoutSink(fd, () => {
    opened = true;
    throw new Error('the stream must not be needed');
  });

  const a = pattern(1 << 20);
  const b = pattern(300_000, 1 << 20);
  expect(sink.write(a)).toBe(true);
  expect(sink.write('a status line\n')).toBe(true);
  expect(sink.write(b)).toBe(true);
  closeSync(fd);
  await once(reader, 'exit');

  expect(readFileSync(copy).equals(Buffer.concat([a, Buffer.from('a status line\n'), b]))).toBe(true);
  expect(opened).toBe(false);
  expect(sink.streaming).toBe(false);
  expect(sink.failure).toBeUndefined();
});

test('a non-blocking pipe that fills up hands the rest to the stream, in order', async () => {
  const readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeFd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  const stream = new Socket({ fd: writeFd, readable: false, writable: true });
  const sink = new StdoutSink(writeFd, () => stream);

  // Nothing reads yet, so the first MiB overfills the pipe (64 KiB).
  const a = pattern(1 << 18);
  const first = sink.write(a);
  expect(sink.streaming).toBe(true);
  const b = pattern(1 << 18, 1 << 18);
  sink.write('status\n');
  const last = sink.write(b);
  expect(first && last).toBe(false);

  const reader = new Socket({ fd: readFd, readable: true, writable: false });
  const got: Buffer[] = [];
  reader.on('data', (c: Buffer) => got.push(c));
  await sink.drained();
  stream.end();
  await once(reader, 'end');

  expect(Buffer.concat(got).equals(Buffer.concat([a, Buffer.from('status\n'), b]))).toBe(true);
  expect(sink.failure).toBeUndefined();
});

test('a reader that went away loses the output but throws nothing', () => {
  const readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeFd = openSync(fifo, constants.O_WRONLY);
  closeSync(readFd);
  const sink = new StdoutSink(writeFd, () => {
    throw new Error('the stream must not be needed');
  });

  expect(sink.write('lost\n')).toBe(true);
  expect(sink.write(pattern(1000))).toBe(true);
  expect(sink.failure).toBe('EPIPE');
  closeSync(writeFd);
});

test('job output yields to the event loop at least every 50 ms while a runner reads slowly', async () => {
  // Each write returns only after 5 ms, as to a runner that reads slowly.
  const output = new JobOutput({
    write: () => {
      const until = performance.now() + 5;
      while (performance.now() < until);
      return true;
    },
    drained: () => Promise.resolve(),
  });
  let turned = false;
  setImmediate(() => {
    turned = true;
  });
  const chunk = Buffer.alloc(1024, 0x61);
  let writes = 0;
  while (!turned && writes < 40) {
    await output.write(chunk);
    writes += 1;
  }

  // 50 ms of 5 ms writes, and the one that crossed the line.
  expect(turned).toBe(true);
  expect(writes).toBeLessThanOrEqual(11);
});

test('a status line waits for the end of a line of output', async () => {
  const text: string[] = [];
  const output = new JobOutput({
    write: (data) => {
      text.push(data.toString());
      return true;
    },
    drained: () => Promise.resolve(),
  });
  await output.write(Buffer.from('half a li'));
  output.status('STATUS\n');
  await output.write(Buffer.from('ne\nnext'));
  output.end();
  output.status('AFTER\n');

  expect(text.join('')).toBe('half a line\nnext\nSTATUS\nAFTER\n');
});
