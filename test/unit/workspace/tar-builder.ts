/**
 * Writes tar archives byte by byte, so that tests can build the malformed
 * and hostile archives no well-behaved tar program would produce.
 */
export type HeaderFields = {
  name: string;
  type?: string;
  mode?: number;
  size?: number;
  mtime?: number;
  linkname?: string;
  format?: 'posix' | 'gnu';
  hugeSize?: bigint;
};

const BLOCK = 512;

export function header(f: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(f.name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, f.mode ?? 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  if (f.hugeSize === undefined) writeOctal(block, 124, 12, f.size ?? 0);
  else writeBase256(block, 124, 12, f.hugeSize);
  writeOctal(block, 136, 12, f.mtime ?? 1_700_000_000);
  block.write(f.type ?? '0', 156, 1, 'latin1');
  block.write(f.linkname ?? '', 157, 100, 'utf8');
  const gnu = f.format === 'gnu';
  block.write(gnu ? 'ustar  \0' : 'ustar\u000000', 257, 8, 'latin1');
  writeChecksum(block);
  return block;
}

export function entry(f: HeaderFields, data: Buffer | string = ''): Buffer {
  const body = Buffer.from(data);
  const size = f.size ?? body.length;
  return Buffer.concat([header({ ...f, size }), pad(body)]);
}

export const file = (name: string, data: string, mode = 0o644) =>
  entry({ name, mode }, data);
export const dir = (name: string, mode = 0o755) =>
  entry({ name: `${name}/`, type: '5', mode });
export const symlink = (name: string, target: string) =>
  entry({ name, type: '2', linkname: target, mode: 0o777 });

/** A pax extended header carrying the given records for the next entry. */
export function pax(records: Record<string, string>, type = 'x'): Buffer {
  const body = Object.entries(records)
    .map(([key, value]) => paxRecord(key, value))
    .join('');
  return entry({ name: 'PaxHeader', type }, body);
}

export function archive(...parts: Buffer[]): Buffer {
  return Buffer.concat([...parts, Buffer.alloc(2 * BLOCK)]);
}

function paxRecord(key: string, value: string): string {
  const text = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(text);
  while (String(length).length + Buffer.byteLength(text) !== length) {
    length = String(length).length + Buffer.byteLength(text);
  }
  return `${length}${text}`;
}

function pad(body: Buffer): Buffer {
  const rest = body.length % BLOCK;
  return rest === 0 ? body : Buffer.concat([body, Buffer.alloc(BLOCK - rest)]);
}

function writeOctal(block: Buffer, at: number, size: number, value: number) {
  const digits = value.toString(8).padStart(size - 1, '0');
  block.write(`${digits}\0`, at, size, 'latin1');
}

function writeBase256(block: Buffer, at: number, size: number, value: bigint) {
  block[at] = 0x80;
  for (let i = size - 1; i > 0; i--) {
    block[at + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

export function writeChecksum(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return block;
}
