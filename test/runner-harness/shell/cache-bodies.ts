/**
 * restore_cache and archive_cache(_on_failure) bodies: tar archives under
 * cache_dir instead of gitlab-runner's cache-extractor/-archiver. As with
 * the runner, a missing or unwritable cache only warns.
 */
import { entriesToArchive, entriesToRestore } from '../job/cache-entries';
import { BodyWriter } from './body-writer';
import { writeExports } from './exports-block';
import { tarCollectedFiles, writeCollectFiles } from './glob-collect';
import { ScriptContext } from './script-context';
import { shellCommand, shellEscape } from './shell-escape';

export function writeRestoreCache(w: BodyWriter, ctx: ScriptContext): void {
  writeExports(w, ctx.variables, ctx.tmpDir);
  w.command('cd', ctx.projectDir);
  for (const entry of entriesToRestore(ctx.caches)) {
    w.notice(`Checking cache for ${entry.key}...`);
    const extract = shellCommand('tar', '-xzf', entry.archive);
    w.ifBlock(
      `[ -f ${shellEscape(entry.archive)} ] && ${extract}`,
      () => w.notice('Successfully extracted cache'),
      () => w.warning('Failed to extract cache'),
    );
  }
}

export function writeArchiveCache(
  w: BodyWriter,
  ctx: ScriptContext,
  succeeded: boolean,
): void {
  writeExports(w, ctx.variables, ctx.tmpDir);
  w.command('cd', ctx.projectDir);
  for (const entry of entriesToArchive(ctx.caches, succeeded)) {
    w.notice(`Creating cache ${entry.key}...`);
    writeCollectFiles(w, entry.paths, ctx.projectDir, 'cache');
    const pack = tarCollectedFiles(entry.archive);
    w.ifBlock(
      `[ "\${#_harness_files[@]}" -gt 0 ] && ${pack}`,
      () => w.notice('Created cache'),
      () => w.warning('Failed to create cache'),
    );
  }
}
