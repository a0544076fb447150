import { ArchiveFile } from './archive-file';
import { WorkspaceApplyError } from './apply-error';
import type { ApplyLimits } from './apply-limits';
import { ArchiveEntry, Pending, toEntry } from './tar-entry';
import {
  BLOCK,
  corrupt,
  decodeHeader,
  decodeText,
  isNullBlock,
} from './tar-header';
import { parsePax } from './tar-pax';

export type { ArchiveEntry, EntryType } from './tar-entry';

type MetaKind = keyof Pending;

// Headers that only describe the entry after them.
const META_KINDS: Record<string, MetaKind> = {
  x: 'pax',
  L: 'longName',
  K: 'longLink',
};

const MAX_PAX_BYTES = 1024 * 1024;

/**
 * Reads every header of the archive, skipping over file data, and returns
 * the entries in order. Refuses anything but regular files, directories and
 * symlinks, and an archive that ends before its end-of-archive blocks.
 */
export function readArchiveEntries(
  file: ArchiveFile,
  limits: ApplyLimits,
): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let pending: Pending = {};
  let position = 0;
  let total = 0;
  for (;;) {
    const block = file.read(position, BLOCK);
    if (isNullBlock(block)) break;

    const header = decodeHeader(block, position);
    const meta = META_KINDS[header.typeflag];
    const size = meta ? header.size : (pending.pax?.size ?? header.size);
    const dataAt = position + BLOCK;
    if (!meta) total = checkDeclaredSize(size, total, limits);
    file.requireBytes(dataAt, padded(size));
    position = dataAt + padded(size);

    if (meta) {
      readMeta(file, meta, dataAt, size, pending, limits);
      continue;
    }
    entries.push(toEntry(header, pending, size, dataAt));
    pending = {};
    if (entries.length > limits.maxEntries) throw tooMany(limits);
  }

  requireEnd(file, position, pending);
  return entries;
}

function readMeta(
  file: ArchiveFile,
  kind: MetaKind,
  dataAt: number,
  size: number,
  pending: Pending,
  limits: ApplyLimits,
): void {
  const max = kind === 'pax' ? MAX_PAX_BYTES : limits.maxPathLength + 1;
  if (size > max || kind in pending) {
    throw corrupt(dataAt - BLOCK, `oversized or repeated ${kind} header`);
  }
  const body = file.read(dataAt, size);
  if (kind === 'pax') pending.pax = parsePax(body);
  else pending[kind] = decodeText(body, 0, size);
}

// Two zero blocks end a tar archive; without them it may have been cut
// exactly between two entries, which no other check would notice.
function requireEnd(file: ArchiveFile, position: number, pending: Pending) {
  if (Object.keys(pending).length > 0) {
    throw corrupt(position, 'extended header without an entry');
  }
  if (!isNullBlock(file.read(position + BLOCK, BLOCK))) {
    throw corrupt(position, 'a single zero block in mid-archive');
  }
}

// Declared sizes are checked before the data is looked at, so that a bomb
// is named as such; the data actually present is checked right after.
function checkDeclaredSize(
  size: number,
  total: number,
  limits: ApplyLimits,
): number {
  if (size > limits.maxFileBytes) {
    throw new WorkspaceApplyError(
      `the archive declares a file of ${size} bytes, more than the limit ` +
        `of ${limits.maxFileBytes}`,
    );
  }
  if (total + size > limits.maxTotalBytes) {
    throw new WorkspaceApplyError(
      `the archive declares more than ${limits.maxTotalBytes} bytes in all`,
    );
  }
  return total + size;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

function tooMany(limits: ApplyLimits): WorkspaceApplyError {
  return new WorkspaceApplyError(
    `the archive has more than ${limits.maxEntries} entries`,
  );
}
