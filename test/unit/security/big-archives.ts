import fs from 'fs';
import { header } from '../workspace/tar-builder';

const BLOCK = 512;

/**
 * An archive of `count` empty files `P/many/<i>`, written in chunks: a
 * million entries make half a gigabyte that is never held in memory.
 */
export function writeManyEmptyFiles(file: string, count: number): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(fd, header({ name: 'P/many/', type: '5', mode: 0o755 }));
    const template = header({ name: 'P/many/0' });
    const base = checksumOf(template) - nameSum(template);
    const perChunk = 8192;
    for (let first = 0; first < count; first += perChunk) {
      const n = Math.min(perChunk, count - first);
      const chunk = Buffer.alloc(n * BLOCK);
      for (let i = 0; i < n; i++) fillEntry(chunk, i * BLOCK, template, base, first + i);
      fs.writeSync(fd, chunk);
    }
    fs.writeSync(fd, Buffer.alloc(2 * BLOCK));
  } finally {
    fs.closeSync(fd);
  }
}

function fillEntry(chunk: Buffer, at: number, template: Buffer, base: number, i: number) {
  template.copy(chunk, at);
  chunk.fill(0, at, at + 100);
  const written = chunk.write(`P/many/${i}`, at, 100, 'latin1');
  let sum = base;
  for (let k = 0; k < written; k++) sum += chunk[at + k] ?? 0;
  chunk.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 8, 'latin1');
}

function checksumOf(block: Buffer): number {
  return parseInt(block.toString('latin1', 148, 154), 8);
}

function nameSum(block: Buffer): number {
  let sum = 0;
  for (let k = 0; k < 100; k++) sum += block[k] ?? 0;
  return sum;
}

/**
 * An archive whose entries declare `sizeEach` bytes of data that the file
 * holds only as holes: its apparent size is the declared total, its disk
 * use a few blocks.
 */
export function writeSparseArchive(file: string, names: string[], sizeEach: bigint): number {
  const fd = fs.openSync(file, 'w', 0o600);
  let at = 0;
  try {
    for (const name of names) {
      fs.writeSync(fd, header({ name, hugeSize: sizeEach }), 0, BLOCK, at);
      at += BLOCK + Math.ceil(Number(sizeEach) / BLOCK) * BLOCK;
    }
    fs.ftruncateSync(fd, at + 2 * BLOCK);
  } finally {
    fs.closeSync(fd);
  }
  return at + 2 * BLOCK;
}
