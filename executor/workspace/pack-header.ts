import { posix } from 'path';

const BLOCK = 512;
const TYPE_FLAGS = { file: '0', symlink: '2', directory: '5', pax: 'x' };

/** What the header of one archive entry says. */
export type HeaderFields = {
  path: string;
  type: 'file' | 'symlink' | 'directory';
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  linkpath?: string;
};

/**
 * The ustar header block of an entry, preceded by a pax extended header
 * when a value does not fit ustar exactly (a long path or link target, a
 * size of 8 GiB or more, an id or time out of range). GNU tar and our own
 * reader understand both.
 */
export function encodeHeader(f: HeaderFields): Buffer {
  const pax: [string, string][] = [];
  const block = Buffer.alloc(BLOCK);
  const names = splitPath(f.path);
  if (names === undefined) pax.push(['path', f.path]);
  // Readers that know no pax still see the start of a long path.
  putText(block, 0, 100, names?.name ?? f.path);
  putText(block, 345, 155, names?.prefix ?? '');
  const seconds = Math.floor(f.mtimeMs / 1000);
  const fields: [number, number, number, string][] = [
    [100, 8, f.mode & 0o7777, 'mode'],
    [108, 8, f.uid, 'uid'],
    [116, 8, f.gid, 'gid'],
    [124, 12, f.size, 'size'],
    [136, 12, seconds, 'mtime'],
  ];
  let timeFits = true;
  for (const [at, width, value, key] of fields) {
    if (putOctal(block, at, width, value)) continue;
    if (key === 'mtime') timeFits = false;
    else pax.push([key, String(value)]);
  }
  const link = f.linkpath ?? '';
  if (Buffer.byteLength(link) > 100) pax.push(['linkpath', link]);
  else putText(block, 157, 100, link);
  finishBlock(block, TYPE_FLAGS[f.type]);
  if (pax.length === 0 && timeFits) return block;

  pax.push(['mtime', (f.mtimeMs / 1000).toFixed(3)]);
  return Buffer.concat([paxHeader(f.path, Math.max(seconds, 0), pax), block]);
}

/** `name` and `prefix` fields for a path, or undefined if it fits neither. */
function splitPath(path: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let cut = path.indexOf('/'); cut > 0; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(prefix) > 155) return undefined;
    if (name !== '' && Buffer.byteLength(name) <= 100) return { name, prefix };
  }

  return undefined;
}

function paxHeader(
  path: string,
  seconds: number,
  records: [string, string][],
): Buffer {
  const body = Buffer.from(records.map(([k, v]) => paxRecord(k, v)).join(''));
  const header = Buffer.alloc(BLOCK);
  const name = `PaxHeader/${posix.basename(path)}`;
  putText(header, 0, 100, /^[\x20-\x7e]{1,100}$/.test(name) ? name : 'PaxHeader');
  putOctal(header, 100, 8, 0o644);
  putOctal(header, 108, 8, 0);
  putOctal(header, 116, 8, 0);
  putOctal(header, 124, 12, body.length);
  putOctal(header, 136, 12, Math.min(seconds, 0o77777777777));
  finishBlock(header, TYPE_FLAGS.pax);
  const padding = Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK);

  return Buffer.concat([header, body, padding]);
}

/** `<length> <key>=<value>\n`, the length counting its own digits. */
function paxRecord(key: string, value: string): string {
  const rest = Buffer.byteLength(` ${key}=${value}\n`);
  let length = rest + String(rest).length;
  if (String(length).length > String(rest).length) length += 1;

  return `${length} ${key}=${value}\n`;
}

function putText(block: Buffer, at: number, width: number, text: string) {
  block.write(text, at, width, 'utf8');
}

/** Zero-padded octal and a NUL; false if the value does not fit. */
function putOctal(block: Buffer, at: number, width: number, value: number) {
  const digits = value.toString(8);
  if (value < 0 || !Number.isSafeInteger(value) || digits.length >= width) {
    return false;
  }
  block.write(`${digits.padStart(width - 1, '0')}\0`, at, width, 'latin1');

  return true;
}

/** Type flag, magic and version, then the checksum over it all. */
function finishBlock(block: Buffer, typeFlag: string): void {
  block.write(typeFlag, 156, 1, 'latin1');
  block.write('ustar\u000000', 257, 8, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
}
