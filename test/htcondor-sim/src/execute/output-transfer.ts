import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { type JobAd, stringAttr } from '../state/job-ad';
import { splitFileList } from '../submit/ad-files';
import { sizeOf, snapshotTopLevel } from './file-sizes';
import { type Sandbox, usesFileTransfer } from './sandbox';

export type TransferResult =
  | { ok: true; bytes: number }
  | { ok: false; missing: string };

/** Sandbox files that belong to the starter, never to the job's output. */
const STARTER_FILES = new Set([
  '_condor_stdout',
  '_condor_stderr',
  '.job.ad',
  '.machine.ad',
  '.sim_start_error',
]);

/**
 * Copies outputs back to Iwd: the `transfer_output_files` list, or every
 * new or changed top-level file when it is unset. A listed file that is
 * missing fails the transfer, which HTCondor turns into hold code 12.
 */
export function transferOutputs(ad: JobAd, box: Sandbox): TransferResult {
  if (!usesFileTransfer(ad)) return { ok: true, bytes: 0 };
  const listed = stringAttr(ad, 'TransferOutput');
  const names =
    listed === undefined ? changedFiles(box) : splitFileList(listed);
  const remaps = parseRemaps(stringAttr(ad, 'TransferOutputRemaps') ?? '');
  const iwd = String(ad.Iwd);
  let bytes = 0;
  for (const name of names) {
    const source = resolve(box.dir, name.replace(/\/+$/, ''));
    if (!existsSync(source)) return { ok: false, missing: source };
    const remap = remaps.get(name) ?? remaps.get(basename(source));
    const target = remap && (isAbsolute(remap) ? remap : resolve(iwd, remap));
    bytes += copyOut(source, name, target, iwd);
  }

  return { ok: true, bytes };
}

/** A remap names the target; a trailing `/` copies a directory's contents. */
function copyOut(
  source: string,
  name: string,
  remapped: string | undefined,
  iwd: string,
): number {
  const options = { recursive: true, force: true };
  if (remapped) {
    cpSync(source, remapped, options);
  } else if (name.endsWith('/') && statSync(source).isDirectory()) {
    for (const entry of readdirSync(source)) {
      cpSync(join(source, entry), join(iwd, entry), options);
    }
  } else {
    cpSync(source, join(iwd, basename(source)), options);
  }

  return sizeOf(source);
}

function changedFiles(box: Sandbox): string[] {
  const changed: string[] = [];
  for (const [name, now] of snapshotTopLevel(box.dir)) {
    const before = box.snapshot.get(name);
    const same = before?.size === now.size && before.mtimeMs === now.mtimeMs;
    if (!STARTER_FILES.has(name) && !same) changed.push(name);
  }

  return changed;
}

/** `transfer_output_remaps = "a = x/b ; c = d"`, `\` escaping `=` and `;`. */
function parseRemaps(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const unescape = (s: string) => s.trim().replace(/\\([=;])/g, '$1');
  for (const entry of text.split(/(?<!\\);/)) {
    const [from, to] = entry.split(/(?<!\\)=/).map(unescape);
    if (from && to) map.set(from, to);
  }

  return map;
}
