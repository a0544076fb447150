/**
 * The per-attempt temp dir `custom-executor*`: cwd and TMPDIR of every
 * driver call, home of JOB_RESPONSE_FILE, BUILD_EXIT_CODE_FILE and the
 * stage scripts; removed after cleanup_exec.
 */
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { jobResponseFile } from './driver-env';

export async function createSessionDir(responseJson: string): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'custom-executor'));
  await fs.writeFile(jobResponseFile(dir), responseJson, { mode: 0o600 });
  return dir;
}

/** Each stage gets `<tmp>/script<random>/script`, mode 0700. */
export async function writeStageScript(
  sessionDir: string,
  text: string,
): Promise<string> {
  const dir = await fs.mkdtemp(join(sessionDir, 'script'));
  const file = join(dir, 'script');
  await fs.writeFile(file, text, { mode: 0o700 });
  return file;
}

export async function removeSessionDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}
