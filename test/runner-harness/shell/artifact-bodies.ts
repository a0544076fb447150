/**
 * download_artifacts and upload_artifacts_* bodies. They run on the runner
 * host and use tar against the harness's store instead of gitlab-runner's
 * artifacts-downloader/-uploader talking to GitLab.
 */
import { BodyWriter } from './body-writer';
import { writeExports } from './exports-block';
import { ScriptContext } from './script-context';
import { shellEscape } from './shell-escape';

export function writeDownloadArtifacts(
  w: BodyWriter,
  ctx: ScriptContext,
): void {
  writeExports(w, ctx.variables, ctx.tmpDir);
  w.command('cd', ctx.projectDir);
  for (const dep of ctx.downloads) {
    w.notice(`Downloading artifacts for ${dep.name} (${dep.id})...`);
    w.command('tar', '-xzf', dep.archive, '-C', ctx.projectDir);
    w.command('echo', 'Downloading artifacts from coordinator... ok');
  }
}

/** Globs are expanded by bash (globstar) relative to the project dir. */
export function writeUploadArtifacts(w: BodyWriter, ctx: ScriptContext): void {
  writeExports(w, ctx.variables, ctx.tmpDir);
  w.command('cd', ctx.projectDir);
  w.notice('Uploading artifacts...');
  w.line('shopt -s globstar nullglob dotglob');
  w.line('_harness_files=()');
  for (const pattern of ctx.artifactPaths) {
    writeCollect(w, pattern, ctx.projectDir);
  }
  w.ifBlock(
    '[ "${#_harness_files[@]}" -eq 0 ]',
    () => w.error('ERROR: No files to upload'),
    () => writeArchive(w, ctx.artifactArchive),
  );
}

function writeCollect(
  w: BodyWriter,
  pattern: string,
  projectDir: string,
): void {
  w.line('_harness_n=${#_harness_files[@]}');
  w.line(`for _harness_f in ${globWord(pattern)}; do`);
  w.line('  if [ -e "$_harness_f" ]; then _harness_files+=("$_harness_f"); fi');
  w.line('done');
  w.line('_harness_n=$(( ${#_harness_files[@]} - _harness_n ))');
  w.ifBlock(
    '[ "$_harness_n" -eq 0 ]',
    () =>
      w.warning(
        `WARNING: ${pattern}: no matching files. Ensure that the artifact ` +
          `path is relative to the working directory (${projectDir})`,
      ),
    () =>
      w.line(
        `echo ${shellEscape(pattern + ': found ')}"$_harness_n"` +
          shellEscape(' matching artifact files and directories'),
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

function writeArchive(w: BodyWriter, archive: string): void {
  const dir = archive.slice(0, archive.lastIndexOf('/'));
  w.command('mkdir', '-p', dir);
  w.line(
    `tar -czf ${shellEscape(archive + '.part')} -- "\${_harness_files[@]}"`,
  );
  w.command('mv', '-f', archive + '.part', archive);
  w.command(
    'echo',
    'Uploading artifacts as "archive" to coordinator... 201 Created',
  );
}
