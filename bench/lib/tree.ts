import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const FILES_PER_DIR = 100;

/** Paths of one benchmark tree: `src/project` and `src/project.tmp`. */
export interface TreePaths {
  dir: string;
  src: string;
  project: string;
}

/**
 * A project tree of `files` files holding `bytes` in all, 100 to a
 * directory, with incompressible content, plus a small `<project>.tmp`.
 */
export function writeTree(projectDir: string, bytes: number, files: number) {
  const block = randomBytes(1 << 20);
  const size = Math.floor(bytes / files);
  for (let i = 0; i < files; i += 1) {
    const dir = join(projectDir, `d${Math.floor(i / FILES_PER_DIR)}`);
    if (i % FILES_PER_DIR === 0) mkdirSync(dir, { recursive: true });
    writeFileOf(join(dir, `f${i}.bin`), block, size, i);
  }
  mkdirSync(`${projectDir}.tmp`, { recursive: true });
  writeFileOf(join(`${projectDir}.tmp`, 'CI_SERVER_TLS_CA_FILE'), block, 4096, 0);
}

/** `size` bytes taken from the block at an offset that differs per file. */
function writeFileOf(path: string, block: Buffer, size: number, seed: number) {
  const fd = openSync(path, 'w');
  try {
    let offset = (seed * 7919) % block.length;
    for (let left = size; left > 0; ) {
      const n = Math.min(left, block.length - offset);
      writeSync(fd, block, offset, n);
      left -= n;
      offset = 0;
    }
  } finally {
    closeSync(fd);
  }
}
