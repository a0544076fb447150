import { WorkspaceApplyError } from './apply-error';

/** One 512-byte ustar or GNU header, decoded without interpretation. */
export type RawHeader = {
  name: string;
  mode: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
};

export const BLOCK = 512;

const POSIX_MAGIC = 'ustar\u000000';
const GNU_MAGIC = 'ustar  \u0000';
const OCTAL_FIELD = /^ *([0-7]+)[ \u0000]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isNullBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

export function decodeHeader(block: Buffer, at: number): RawHeader {
  checkChecksum(block, at);
  const magic = block.toString('latin1', 257, 265);
  if (magic !== POSIX_MAGIC && magic !== GNU_MAGIC) {
    throw corrupt(at, 'not a ustar or GNU tar header');
  }

  // GNU headers keep times where POSIX ones keep the name prefix.
  const name = decodeText(block, 0, 100);
  const prefix = magic === POSIX_MAGIC ? decodeText(block, 345, 155) : '';

  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    mode: decodeNumber(block, 100, 8, at),
    size: decodeNumber(block, 124, 12, at),
    mtime: decodeNumber(block, 136, 12, at),
    typeflag: String.fromCharCode(block[156] ?? 0),
    linkname: decodeText(block, 157, 100),
  };
}

/** Bytes up to the first NUL as strict UTF-8. */
export function decodeText(buf: Buffer, start: number, length: number): string {
  const field = buf.subarray(start, start + length);
  const end = field.indexOf(0);
  return decodeUtf8(end < 0 ? field : field.subarray(0, end));
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WorkspaceApplyError(
      'a name sent back by the job is not valid UTF-8',
    );
  }
}

function checkChecksum(block: Buffer, at: number): void {
  const stored = OCTAL_FIELD.exec(block.toString('latin1', 148, 156));
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i < 148 || i >= 156) sum += block[i] ?? 0;
  }
  if (!stored || parseInt(stored[1] ?? '', 8) !== sum) {
    throw corrupt(at, 'header checksum mismatch');
  }
}

function decodeNumber(
  block: Buffer,
  start: number,
  length: number,
  at: number,
): number {
  const first = block[start] ?? 0;
  if (first & 0x80) return decodeBase256(block, start, length, at);

  const match = OCTAL_FIELD.exec(
    block.toString('latin1', start, start + length),
  );
  if (!match) throw corrupt(at, `bad number field at offset ${start}`);

  return parseInt(match[1] ?? '', 8);
}

// GNU's encoding for values that do not fit the octal field.
function decodeBase256(
  block: Buffer,
  start: number,
  length: number,
  at: number,
): number {
  if (block[start] !== 0x80) {
    throw corrupt(at, `negative or oversized number at offset ${start}`);
  }
  let value = 0;
  for (let i = start + 1; i < start + length; i++) {
    value = value * 256 + (block[i] ?? 0);
  }
  if (!Number.isSafeInteger(value)) {
    throw corrupt(at, `number too large at offset ${start}`);
  }
  return value;
}

export function corrupt(at: number, what: string): WorkspaceApplyError {
  return new WorkspaceApplyError(
    `the archive is corrupt or not a tar file (${what}, header at byte ${at})`,
  );
}
