import { WorkspaceApplyError } from './apply-error';
import type { RawHeader } from './tar-header';
import type { PaxValues } from './tar-pax';

export type EntryType = 'file' | 'directory' | 'symlink';

/** An entry as the archive declares it; `offset` locates its data. */
export type ArchiveEntry = {
  type: EntryType;
  path: string;
  linkpath: string;
  mode: number;
  mtime: number;
  size: number;
  offset: number;
};

/** Names for the next entry from pax or GNU long-name headers. */
export type Pending = { pax?: PaxValues; longName?: string; longLink?: string };

const ENTRY_TYPES: Record<string, EntryType> = {
  '0': 'file',
  '5': 'directory',
  '2': 'symlink',
};

const REFUSED_TYPES: Record<string, string> = {
  '1': 'hard link',
  '3': 'character device',
  '4': 'block device',
  '6': 'FIFO',
  '7': 'contiguous file',
  g: 'global pax header',
  S: 'GNU sparse file',
  D: 'GNU dump dir',
  M: 'GNU multi-volume continuation',
  V: 'volume label',
  '\u0000': 'old-style file',
};

/** The entry a header describes, or a refusal naming its type. */
export function toEntry(
  header: RawHeader,
  pending: Pending,
  size: number,
  offset: number,
): ArchiveEntry {
  const type = ENTRY_TYPES[header.typeflag];
  const name = pending.pax?.path ?? pending.longName ?? header.name;
  if (type === undefined) {
    const what = REFUSED_TYPES[header.typeflag] ?? 'unknown type';
    throw new WorkspaceApplyError(
      `the archive entry ${JSON.stringify(name)} is a ${what} ` +
        `(type ${JSON.stringify(header.typeflag)}); only regular files, ` +
        'directories and symlinks are accepted',
    );
  }

  return {
    type,
    // GNU tar and node-tar mark directories with one trailing slash.
    path: type === 'directory' ? name.replace(/\/$/, '') : name,
    linkpath: pending.pax?.linkpath ?? pending.longLink ?? header.linkname,
    mode: header.mode,
    mtime: pending.pax?.mtime ?? header.mtime,
    size,
    offset,
  };
}
