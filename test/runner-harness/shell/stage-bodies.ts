/**
 * The body of each run_exec stage, wrapped in the runner's frame. Returns
 * the complete script file text for a stage.
 */
import {
  writeDownloadArtifacts,
  writeUploadArtifacts,
} from './artifact-bodies';
import { BodyWriter } from './body-writer';
import { writeArchiveCache, writeRestoreCache } from './cache-bodies';
import { filePath, writeExports } from './exports-block';
import {
  writeClearWorktree,
  writeGetSources,
  writeGitCleanup,
} from './git-bodies';
import { ScriptContext } from './script-context';
import { wrapStageBody } from './script-frame';

export function buildStageScript(
  stage: string,
  ctx: ScriptContext,
  userLines: string[] = [],
): string {
  const w = new BodyWriter();
  writeBody(w, stage, ctx, userLines);
  return wrapStageBody(w.toString(), isDebugTrace(ctx));
}

function writeBody(
  w: BodyWriter,
  stage: string,
  ctx: ScriptContext,
  userLines: string[],
): void {
  switch (stage) {
    case 'prepare_script':
      return writePrepareScript(w, ctx);
    case 'get_sources':
      return writeGetSources(w, ctx);
    case 'clear_worktree':
      return writeClearWorktree(w, ctx);
    case 'restore_cache':
      return writeRestoreCache(w, ctx);
    case 'download_artifacts':
      return writeDownloadArtifacts(w, ctx);
    case 'after_script':
      return writeUserStep(w, ctx, userLines, 'Running after script...');
    case 'archive_cache':
    case 'archive_cache_on_failure':
      return writeArchiveCache(w, ctx, stage === 'archive_cache');
    case 'upload_artifacts_on_success':
    case 'upload_artifacts_on_failure':
      return writeUploadArtifacts(w, ctx);
    case 'cleanup_file_variables':
      return writeCleanupFileVariables(w, ctx);
    default:
      return writeUserStep(w, ctx, userLines);
  }
}

function writePrepareScript(w: BodyWriter, ctx: ScriptContext): void {
  // Inside double quotes, so that $(hostname) still runs.
  const host = ctx.hostname?.replace(/["$`\\]/g, '\\$&');
  const via = host ? ` via ${host}` : '';
  w.line(`echo "Running on $(hostname)${via}..."`);
  w.line(`rm -f "${ctx.tmpDir}/gitlab_runner_env"`);
  w.line(`rm -f "${ctx.tmpDir}/masking.db"`);
}

function writeUserStep(
  w: BodyWriter,
  ctx: ScriptContext,
  lines: string[],
  banner?: string,
): void {
  writeExports(w, ctx.variables, ctx.tmpDir);
  w.command('cd', ctx.projectDir);
  if (banner) {
    w.notice(banner);
  }
  for (const line of lines) {
    w.userCommand(line);
  }
}

function writeCleanupFileVariables(w: BodyWriter, ctx: ScriptContext): void {
  writeExports(w, ctx.variables, ctx.tmpDir, 'paths');
  for (const name of ['gitlab_runner_env', 'masking.db', '.glr.gconf']) {
    w.line(`rm -f "${ctx.tmpDir}/${name}"`);
  }
  for (const variable of ctx.variables.filter((v) => v.file)) {
    w.line(`rm -f "${filePath(ctx.tmpDir, variable)}"`);
  }
  writeGitCleanup(w, ctx.projectDir);
}

function isDebugTrace(ctx: ScriptContext): boolean {
  const found = ctx.variables.filter((v) => v.key === 'CI_DEBUG_TRACE').pop();
  return found?.value === 'true';
}
