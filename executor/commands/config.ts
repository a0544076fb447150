import { writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { packageInfo } from '../package-info';
import { loadSettings } from '../settings/load';
import { REMOTE_STAGES_ENV } from '../stages/plan';

/** config_exec: the JSON gitlab-runner reads, and nothing else on stdout. */
export async function configCommand(file: string): Promise<void> {
  const settings = loadSettings(file);
  const w = settings.workspace;
  const answer = {
    builds_dir: w.builds_dir,
    cache_dir: w.cache_dir,
    builds_dir_is_shared: w.builds_dir_is_shared,
    hostname: hostname(),
    driver: { name: packageInfo().name, version: packageInfo().version },
    job_env: { [REMOTE_STAGES_ENV]: JSON.stringify(w.remote_stages) },
  };
  writeStdoutSync(`${JSON.stringify(answer)}\n`);
}

/**
 * Writes fd 1 directly: opening the process.stdout stream would load Node's
 * stream modules, a cost every CI job pays once more for a few hundred
 * bytes. A non-blocking pipe may refuse a write for a moment (EAGAIN).
 */
function writeStdoutSync(text: string): void {
  const data = Buffer.from(text);
  for (let done = 0; done < data.length; ) {
    try {
      done += writeSync(1, data, done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
