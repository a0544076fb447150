/**
 * Collects the files a list of artifact or cache paths names into the bash
 * array `_harness_files`, with globstar globs relative to the project dir,
 * and reports how many each pattern found.
 */
import { BodyWriter } from './body-writer';
import { shellEscape } from './shell-escape';

export function writeCollectFiles(
  w: BodyWriter,
  patterns: string[],
  projectDir: string,
  kind: 'artifact' | 'cache',
): void {
  w.line('shopt -s globstar nullglob dotglob');
  w.line('_harness_files=()');
  for (const pattern of patterns) {
    writeCollect(w, pattern, projectDir, kind);
  }
}

function writeCollect(
  w: BodyWriter,
  pattern: string,
  projectDir: string,
  kind: 'artifact' | 'cache',
): void {
  const found = kind === 'artifact' ? 'matching artifact' : 'matching';
  w.line('_harness_n=${#_harness_files[@]}');
  w.line(`for _harness_f in ${globWord(pattern)}; do`);
  w.line('  if [ -e "$_harness_f" ]; then _harness_files+=("$_harness_f"); fi');
  w.line('done');
  w.line('_harness_n=$(( ${#_harness_files[@]} - _harness_n ))');
  w.ifBlock(
    '[ "$_harness_n" -eq 0 ]',
    () =>
      w.warning(
        `WARNING: ${pattern}: no matching files. Ensure that the ${kind} ` +
          `path is relative to the working directory (${projectDir})`,
      ),
    () =>
      w.line(
        `echo ${shellEscape(pattern + ': found ')}"$_harness_n"` +
          shellEscape(` ${found} files and directories`),
      ),
  );
}

/** Keep glob characters active and quote everything else. */
function globWord(pattern: string): string {
  return pattern
    .split(/([*?[\]])/)
    .filter((part) => part !== '')
    .map((part) => (/^[*?[\]]$/.test(part) ? part : shellEscape(part)))
    .join('');
}

/** Packs `_harness_files` into `archive` via a temp file and a rename. */
export function tarCollectedFiles(archive: string): string {
  const dir = archive.slice(0, archive.lastIndexOf('/'));
  const part = shellEscape(archive + '.part');
  return [
    `mkdir -p ${shellEscape(dir)}`,
    `tar -czf ${part} -- "\${_harness_files[@]}"`,
    `mv -f ${part} ${shellEscape(archive)}`,
  ].join(' && ');
}
