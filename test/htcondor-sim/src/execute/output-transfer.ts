import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { type JobAd, stringAttr } from '../state/job-ad';
import { splitFileList } from '../submit/ad-files';
import { sizeOf, snapshotTopLevel } from './file-sizes';
import { type Sandbox, usesFileTransfer } from './sandbox';

export type TransferResult = { ok: true; bytes: number } | { ok: false; missing: string };

/** Sandbox files that belong to the starter, never to the job's output. */
const STARTER_FILES = new Set(['_condor_stdout', '_condor_stderr', '.job.ad', '.machine.ad', '.sim_start_error']);

/**
 * Copies outputs back to Iwd: the `transfer_output_files` list, or every
 * new or changed top-level file when it is unset. A listed file that is
 * missing fails the transfer, which HTCondor turns into hold code 12.
 */
export function transferOutputs(ad: JobAd, box: Sandbox): TransferResult {
  if (!usesFileTransfer(ad)) return { ok: true, bytes: 0 };
  const listed = stringAttr(ad, 'TransferOutput');
  const names = listed === undefined ? changedFiles(box) : splitFileList(listed);
  const remaps = parseRemaps(stringAttr(ad, 'TransferOutputRemaps') ?? '');
  const iwd = String(ad.Iwd);
  let bytes = 0;
  for (const name of names) {
    const source = resolve(box.dir, name.replace(/\/+$/, ''));
    if (!existsSync(source)) return { ok: false, missing: source };
    bytes += copyOut(source, name, remaps.get(name) ?? remaps.get(basename(source)), iwd);
  }

  return { ok: true, bytes };
}

function copyOut(source: string, name: string, remap: string | undefined, iwd: string): number {
  if (remap !== undefined) {
    const target = isAbsolute(remap) ? remap : resolve(iwd, remap);
    cpSync(source, target, { recursive: true });
    return sizeOf(target);
  }
  if (name.endsWith('/') && statSync(source).isDirectory()) {
    for (const entry of readdirSync(source)) cpSync(join(source, entry), join(iwd, entry), { recursive: true });
    return sizeOf(source);
  }
  cpSync(source, join(iwd, basename(source)), { recursive: true });

  return sizeOf(source);
}

function changedFiles(box: Sandbox): string[] {
  const now = snapshotTopLevel(box.dir);

  return [...now.entries()]
    .filter(([name, st]) => {
      if (STARTER_FILES.has(name)) return false;
      const before = box.snapshot.get(name);
      return !before || before.size !== st.size || before.mtimeMs !== st.mtimeMs;
    })
    .map(([name]) => name);
}

/** `transfer_output_remaps = "a = x/b ; c = d"`, `\` escaping `=` and `;`. */
function parseRemaps(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const entries = text.split(/(?<!\\);/).map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [from, to] = entry.split(/(?<!\\)=/).map((s) => s.trim().replace(/\\([=;])/g, '$1'));
    if (from && to) map.set(from, to);
  }

  return map;
}
