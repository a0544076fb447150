import { hostname } from 'node:os';
import { packageInfo } from '../package-info';
import { loadSettings } from '../settings/load';

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
  };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
