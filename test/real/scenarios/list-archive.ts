import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Entry paths of a zip (the runner's upload) or tar.gz (the harness store). */
export function listArchive(file: string): string[] {
  const head = readFileSync(file).subarray(0, 2).toString('latin1');
  const out =
    head === 'PK'
      ? execFileSync('python3', ['-c', ZIP_LIST, file], { encoding: 'utf8' })
      : execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '').map((p) => p.replace(/^\.\//, ''));
}

const ZIP_LIST =
  'import sys, zipfile; ' +
  'print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
