import { WorkspaceApplyError } from './apply-error';
import { decodeUtf8 } from './tar-header';

/** The pax extended-header values that change how an entry is applied. */
export type PaxValues = {
  path?: string;
  linkpath?: string;
  size?: number;
  mtime?: number;
};

// Informational keys GNU tar and node-tar write; their values do not matter
// here. Any other key (sparse maps, xattrs, binary header charsets) could
// change the meaning of the entry, so it is refused.
const IGNORED_KEYS = new Set([
  'atime',
  'ctime',
  'uid',
  'gid',
  'uname',
  'gname',
  'comment',
  'SCHILY.dev',
  'SCHILY.ino',
  'SCHILY.nlink',
]);

/** Parses `<length> <key>=<value>\n` records, refusing anything malformed. */
export function parsePax(body: Buffer): PaxValues {
  const values: PaxValues = {};
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    const lengthText = body.toString('latin1', at, space < 0 ? at : space);
    const end = at + Number(lengthText);
    if (!/^[1-9][0-9]*$/.test(lengthText) || end > body.length) {
      throw badPax('a record length is wrong');
    }
    if (body[end - 1] !== 0x0a) throw badPax('a record does not end in LF');

    const bytes = body.subarray(space + 1, end - 1);
    if (bytes.includes(0)) throw badPax('a record contains NUL');

    applyRecord(values, decodeUtf8(bytes));
    at = end;
  }
  return values;
}

function applyRecord(values: PaxValues, record: string): void {
  const eq = record.indexOf('=');
  if (eq <= 0) throw badPax('a record has no key');

  const key = record.slice(0, eq);
  const value = record.slice(eq + 1);
  if (key === 'path' || key === 'linkpath') values[key] = value;
  else if (key === 'size') values.size = parseSize(value);
  else if (key === 'mtime') values.mtime = parseTime(value);
  else if (!IGNORED_KEYS.has(key)) {
    throw badPax(`unsupported key ${JSON.stringify(key)}`);
  }
}

function parseSize(value: string): number {
  const size = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(size)) {
    throw badPax(`bad size ${JSON.stringify(value)}`);
  }
  return size;
}

function parseTime(value: string): number {
  if (!/^-?[0-9]{1,15}(\.[0-9]+)?$/.test(value)) {
    throw badPax(`bad mtime ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function badPax(what: string): WorkspaceApplyError {
  return new WorkspaceApplyError(`the archive has a bad pax header: ${what}`);
}
