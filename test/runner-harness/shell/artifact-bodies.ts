/**
 * download_artifacts and upload_artifacts_* bodies. They run on the runner
 * host and use tar against the harness's store instead of gitlab-runner's
 * artifacts-downloader/-uploader talking to GitLab.
 */
import { BodyWriter } from './body-writer';
import { writeExports } from './exports-block';
import { tarCollectedFiles, writeCollectFiles } from './glob-collect';
import { ScriptContext } from './script-context';

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

export function writeUploadArtifacts(w: BodyWriter, ctx: ScriptContext): void {
  writeExports(w, ctx.variables, ctx.tmpDir);
  w.command('cd', ctx.projectDir);
  w.notice('Uploading artifacts...');
  writeCollectFiles(w, ctx.artifactPaths, ctx.projectDir, 'artifact');
  w.ifBlock(
    '[ "${#_harness_files[@]}" -eq 0 ]',
    () => w.error('ERROR: No files to upload'),
    () => {
      w.line(tarCollectedFiles(ctx.artifactArchive));
      w.command(
        'echo',
        'Uploading artifacts as "archive" to coordinator... 201 Created',
      );
    },
  );
}
