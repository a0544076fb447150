import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { unparseAdValue } from '../classad/ad-values';
import { type JobAd, stringAttr } from '../state/job-ad';
import { splitFileList } from '../submit/ad-files';
import { snapshotTopLevel, type Snapshot, sizeOf } from './file-sizes';

/** The execute directory of one attempt, as the starter sets it up. */
export interface Sandbox {
  dir: string;
  tmp: string;
  /** Where the job runs: the scratch dir, or Iwd without file transfer. */
  cwd: string;
  executable: string;
  inputBytes: number;
  snapshot: Snapshot;
  proxy?: string;
}

/** An input that could not be transferred (hold code 13). */
export class InputTransferError extends Error {
  constructor(readonly path: string) {
    super(`reading from file ${path}: (errno 2) No such file or directory`);
  }
}

export function usesFileTransfer(ad: JobAd): boolean {
  return stringAttr(ad, 'ShouldTransferFiles') !== 'NO';
}

export function prepareSandbox(dir: string, ad: JobAd, machineAd: string): Sandbox {
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true, mode: 0o1777 });
  const iwd = String(ad.Iwd);
  const transfer = usesFileTransfer(ad);
  let inputBytes = 0;
  let executable = String(ad.Cmd);
  if (transfer && ad.TransferExecutable !== false) {
    executable = join(dir, basename(executable));
    inputBytes += copyInto(String(ad.Cmd), executable);
    chmodSync(executable, 0o755);
  }
  if (transfer) inputBytes += transferInputs(ad, iwd, dir);
  const proxy = transfer ? copyProxy(ad, dir) : stringAttr(ad, 'X509UserProxy');
  writeFileSync(join(dir, '.job.ad'), formatOldAd(ad));
  writeFileSync(join(dir, '.machine.ad'), machineAd);

  return { dir, tmp, cwd: transfer ? dir : iwd, executable, inputBytes, snapshot: snapshotTopLevel(dir), proxy };
}

function transferInputs(ad: JobAd, iwd: string, dir: string): number {
  let bytes = 0;
  for (const item of splitFileList(stringAttr(ad, 'TransferInput') ?? '')) {
    if (item.includes('://')) throw new InputTransferError(item);
    const source = isAbsolute(item) ? item : resolve(iwd, item);
    const clean = source.replace(/\/+$/, '');
    if (!existsSync(clean)) throw new InputTransferError(clean);
    if (item.endsWith('/') && statSync(clean).isDirectory()) {
      for (const entry of readdirSync(clean)) bytes += copyInto(join(clean, entry), join(dir, entry));
    } else {
      bytes += copyInto(clean, join(dir, basename(clean)));
    }
  }

  return bytes;
}

function copyProxy(ad: JobAd, dir: string): string | undefined {
  const proxy = stringAttr(ad, 'X509UserProxy');
  if (!proxy) return undefined;
  if (!existsSync(proxy)) throw new InputTransferError(proxy);
  const target = join(dir, basename(proxy));
  copyInto(proxy, target);
  chmodSync(target, 0o600);

  return target;
}

function copyInto(source: string, target: string): number {
  cpSync(source, target, { recursive: true, preserveTimestamps: true });

  return sizeOf(target);
}

/** `.job.ad` in old ClassAd syntax, one `Attr = value` per line. */
export function formatOldAd(ad: JobAd): string {
  return Object.entries(ad).map(([k, v]) => `${k} = ${unparseAdValue(v)}`).join('\n') + '\n';
}
