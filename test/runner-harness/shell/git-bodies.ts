/**
 * get_sources and clear_worktree bodies: a real fetch of the job's commit
 * into the absolute project dir, in the order of a v19.3.0 runner.
 */
import { BodyWriter } from './body-writer';
import { writeExports } from './exports-block';
import { ScriptContext } from './script-context';
import { shellCommand, shellEscape } from './shell-escape';

export function writeGetSources(w: BodyWriter, ctx: ScriptContext): void {
  writeExports(w, ctx.variables, ctx.tmpDir);
  w.line('export GIT_TERMINAL_PROMPT=0');
  w.line('export GCM_INTERACTIVE=Never');
  w.line('export GIT_LFS_SKIP_SMUDGE=1');
  if (ctx.git.strategy === 'none') {
    w.command('mkdir', '-p', ctx.projectDir);
    w.notice('Skipping Git repository setup');
    w.notice('Skipping Git checkout');
    w.notice('Skipping Git submodules setup');
    return;
  }

  writeGitCleanup(w, ctx.projectDir);
  const template = writeTemplate(w, ctx.tmpDir);
  if (ctx.git.strategy === 'clone') {
    writeRemoveDir(w, ctx.projectDir);
  }
  writeFetch(w, ctx, template);
  writeCheckout(w, ctx);
  w.notice('Skipping Git submodules setup');
}

/** Leftovers of a killed git process would make the next fetch fail. */
export function writeGitCleanup(w: BodyWriter, projectDir: string): void {
  const git = `${projectDir}/.git`;
  for (const name of ['index.lock', 'shallow.lock', 'HEAD.lock']) {
    w.command('rm', '-f', `${git}/${name}`);
  }
  w.command('rm', '-f', `${git}/hooks/post-checkout`);
  w.command('rm', '-f', `${git}/config.lock`);
  w.ifBlock(`[ -d "${git}/refs" ]`, () => {
    w.line(`find "${git}/refs" -type f -name '*.lock' -exec rm -f {} +`);
  });
  w.command('rm', '-f', `${git}/config`);
  writeRemoveDir(w, `${git}/hooks`);
}

function writeTemplate(w: BodyWriter, tmpDir: string): string {
  const template = `${tmpDir}/git-template`;
  const config = `${template}/config`;
  w.command('mkdir', '-p', template);
  w.command('git', 'config', '-f', config, 'init.defaultBranch', 'none');
  w.command('git', 'config', '-f', config, 'fetch.recurseSubmodules', 'false');
  w.command('git', 'config', '-f', config, 'credential.interactive', 'never');
  w.command('git', 'config', '-f', config, 'gc.autoDetach', 'false');
  return template;
}

function writeFetch(w: BodyWriter, ctx: ScriptContext, template: string): void {
  const { depth, url } = ctx.git;
  w.notice(
    depth > 0
      ? `Fetching changes with git depth set to ${depth}...`
      : 'Fetching changes...',
  );
  w.command('git', 'init', ctx.projectDir, '--template', template);
  w.command('cd', ctx.projectDir);
  w.ifBlock(
    `${shellCommand('git', 'remote', 'add', 'origin', url)} >/dev/null 2>&1`,
    () => w.notice('Created fresh repository.'),
    () => w.command('git', 'remote', 'set-url', 'origin', url),
  );

  const agent =
    `http.userAgent=gitlab-runner ${ctx.runnerVersion} ` +
    ctx.userAgentPlatform;
  const fetch = ['git', '-c', agent, 'fetch', 'origin'];
  fetch.push('--no-recurse-submodules', ...ctx.git.refspecs);
  if (depth > 0) {
    w.command(...fetch, '--depth', String(depth), '--prune', '--quiet');
    return;
  }
  w.command(...fetch, '--prune', '--quiet');
  w.ifBlock('[ -e ".git/shallow" ]', () =>
    w.command(...fetch, '--unshallow', '--prune', '--quiet'),
  );
}

function writeCheckout(w: BodyWriter, ctx: ScriptContext): void {
  const { sha, ref } = ctx.git;
  const short = sha.slice(0, 8);
  w.notice(`Checking out ${short} as detached HEAD (ref is ${ref})...`);
  const noSubmodules = 'submodule.recurse=false';
  w.command('git', '-c', noSubmodules, 'checkout', '-f', '-q', sha);
  w.command('git', 'clean', '-ffdx');
  w.ifBlock('git lfs version >/dev/null 2>&1', () => {
    w.command('git', 'lfs', 'pull');
    w.line('echo');
  });
}

/** Only sent before a second get_sources attempt. */
export function writeClearWorktree(w: BodyWriter, ctx: ScriptContext): void {
  w.ifBlock(`[ -d ${shellEscape(ctx.projectDir + '/.git')} ]`, () => {
    w.command('cd', ctx.projectDir);
    w.command('git', 'clean', '-ffdx');
    w.command('git', 'reset', '--hard', '-q');
  });
}

export function writeRemoveDir(w: BodyWriter, dir: string): void {
  w.ifBlock(`[ -d "${dir}" ]`, () => w.line(`chmod -R u+rwX "${dir}"`));
  w.line(`rm -r -f "${dir}"`);
}
