/**
 * Makes a fresh git repository from a directory tree, with one commit, so
 * a pipeline can run for it like for a pushed project.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import { promisify } from 'util';

const run = promisify(execFile);

export async function createRepoFromDir(
  sourceDir: string,
  repoDir: string,
  message = 'Import project',
): Promise<string> {
  await fs.cp(sourceDir, repoDir, { recursive: true });
  const git = (...args: string[]): Promise<{ stdout: string }> =>
    run('git', ['-C', repoDir, ...args]);

  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git(
    '-c', 'user.name=Runner Harness',
    '-c', 'user.email=runner-harness@localhost',
    '-c', 'commit.gpgsign=false',
    'commit', '-q', '-m', message,
  );
  const { stdout } = await git('rev-parse', 'HEAD');
  return stdout.trim();
}
