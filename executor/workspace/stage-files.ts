import fs from 'fs';
import path from 'path';
import { ArchiveFile } from './archive-file';
import { WorkspaceApplyError } from './apply-error';
import type { ArchiveEntry } from './tar-reader';

const COPY_CHUNK_BYTES = 1024 * 1024;
const SAFE_MODE_BITS = 0o777;

/**
 * A fresh directory beside the project dir: on the same file system, so
 * that moving a staged file into the workspace is one atomic rename.
 */
export function createStagingDir(parent: string, base: string): string {
  try {
    return fs.mkdtempSync(path.join(parent, `.${base}.apply-`));
  } catch (err) {
    throw new WorkspaceApplyError(`cannot create a staging dir in ${parent}`, {
      cause: err,
    });
  }
}

/**
 * Copies the data of every regular file into the staging dir, under names
 * the archive does not choose, with its final mode and mtime. Returns the
 * staged path of each entry path.
 */
export function stageFiles(
  archive: ArchiveFile,
  files: readonly ArchiveEntry[],
  stagingDir: string,
): Map<string, string> {
  const staged = new Map<string, string>();
  const buf = Buffer.alloc(COPY_CHUNK_BYTES);
  for (const [index, entry] of files.entries()) {
    const target = path.join(stagingDir, String(index));
    try {
      stageOne(archive, entry, target, buf);
    } catch (err) {
      if (err instanceof WorkspaceApplyError) throw err;
      throw new WorkspaceApplyError(
        `cannot stage ${entry.path}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    staged.set(entry.path, target);
  }
  return staged;
}

function stageOne(
  archive: ArchiveFile,
  entry: ArchiveEntry,
  target: string,
  buf: Buffer,
): void {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  const flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;
  const fd = fs.openSync(target, flags, 0o600);
  try {
    archive.copyTo(fd, entry.offset, entry.size, buf);
    // setuid, setgid and sticky bits from a job are never applied.
    fs.fchmodSync(fd, entry.mode & SAFE_MODE_BITS);
    fs.futimesSync(fd, entry.mtime, entry.mtime);
  } finally {
    fs.closeSync(fd);
  }
}

export { SAFE_MODE_BITS };
