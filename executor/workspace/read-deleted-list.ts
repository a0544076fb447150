import fs from 'fs';
import { openRegularFile } from './archive-file';
import { WorkspaceApplyError } from './apply-error';
import type { ApplyLimits } from './apply-limits';
import { checkRelativePath } from './check-entries';
import { decodeUtf8 } from './tar-header';

const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads the NUL-terminated relative paths the job deleted. Read in chunks
 * so that a hostile list costs no more memory than the limits allow.
 */
export function readDeletedList(
  listPath: string,
  roots: readonly string[],
  limits: ApplyLimits,
): string[] {
  const fd = openRegularFile(listPath);
  try {
    return splitList(fd, roots, limits);
  } finally {
    fs.closeSync(fd);
  }
}

function splitList(
  fd: number,
  roots: readonly string[],
  limits: ApplyLimits,
): string[] {
  const paths: string[] = [];
  const buf = Buffer.alloc(CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;

    let data = Buffer.concat([carry, buf.subarray(0, n)]);
    for (let nul = data.indexOf(0); nul >= 0; nul = data.indexOf(0)) {
      paths.push(checkItem(data.subarray(0, nul), roots, limits));
      if (paths.length > limits.maxEntries) throw tooLong(limits);
      data = data.subarray(nul + 1);
    }
    if (data.length > limits.maxPathLength) throw badList('a path is too long');
    carry = Buffer.from(data);
  }
  if (carry.length > 0) throw badList('the last path is not NUL-terminated');

  return paths;
}

function checkItem(
  bytes: Buffer,
  roots: readonly string[],
  limits: ApplyLimits,
): string {
  const rel = decodeUtf8(bytes);
  checkRelativePath(rel, roots, limits);
  return rel;
}

function tooLong(limits: ApplyLimits): WorkspaceApplyError {
  return badList(`it has more than ${limits.maxEntries} paths`);
}

function badList(why: string): WorkspaceApplyError {
  return new WorkspaceApplyError(
    `the list of deleted paths is refused: ${why}`,
  );
}
