import * as fs from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { unparseAdValue } from '../classad/ad-values';
import { type JobAd, stringAttr } from '../state/job-ad';
import { splitFileList } from '../submit/ad-files';
import { type Snapshot, sizeOf, snapshotTopLevel } from './file-sizes';

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

export function prepareSandbox(
  dir: string,
  ad: JobAd,
  machineAd: string,
): Sandbox {
  const tmp = join(dir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  fs.chmodSync(tmp, 0o1777);
  const transfer = usesFileTransfer(ad);
  let inputBytes = 0;
  let executable = String(ad.Cmd);
  if (transfer && ad.TransferExecutable !== false) {
    executable = join(dir, basename(executable));
    inputBytes += copyInto(String(ad.Cmd), executable);
    fs.chmodSync(executable, 0o755);
  }
  if (transfer) inputBytes += transferInputs(ad, dir);
  const proxy = transfer ? copyProxy(ad, dir) : stringAttr(ad, 'X509UserProxy');
  fs.writeFileSync(join(dir, '.job.ad'), formatOldAd(ad));
  fs.writeFileSync(join(dir, '.machine.ad'), machineAd);
  const cwd = transfer ? dir : String(ad.Iwd);
  const snapshot = snapshotTopLevel(dir);

  return { dir, tmp, cwd, executable, inputBytes, proxy, snapshot };
}

function transferInputs(ad: JobAd, dir: string): number {
  let bytes = 0;
  const iwd = String(ad.Iwd);
  for (const item of splitFileList(stringAttr(ad, 'TransferInput') ?? '')) {
    if (item.includes('://')) throw new InputTransferError(item);
    const path = isAbsolute(item) ? item : resolve(iwd, item);
    const source = path.replace(/\/+$/, '');
    if (!fs.existsSync(source)) throw new InputTransferError(source);
    const contents = item.endsWith('/') && fs.statSync(source).isDirectory();
    const names = contents ? fs.readdirSync(source) : [];
    for (const name of names) {
      bytes += copyInto(join(source, name), join(dir, name));
    }
    if (!contents) bytes += copyInto(source, join(dir, basename(source)));
  }

  return bytes;
}

function copyProxy(ad: JobAd, dir: string): string | undefined {
  const proxy = stringAttr(ad, 'X509UserProxy');
  if (!proxy) return undefined;
  if (!fs.existsSync(proxy)) throw new InputTransferError(proxy);
  const target = join(dir, basename(proxy));
  copyInto(proxy, target);
  fs.chmodSync(target, 0o600);

  return target;
}

function copyInto(source: string, target: string): number {
  fs.cpSync(source, target, { recursive: true, preserveTimestamps: true });

  return sizeOf(target);
}

/** `.job.ad` in old ClassAd syntax, one `Attr = value` per line. */
export function formatOldAd(ad: JobAd): string {
  const lines = Object.entries(ad).map(
    ([k, v]) => `${k} = ${unparseAdValue(v)}`,
  );

  return `${lines.join('\n')}\n`;
}
