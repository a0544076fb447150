import { parseRunnerCall } from './cli-call';
import { runToExit, watchStdoutOpening } from './cli-exit';
import { listedAsLocal } from './stages/plan';

/**
 * Local stages, bundled on their own by `npm run build`: a CI job runs
 * several (get_sources, the cache and artifact stages), and each needs no
 * more than bash once it knows the stage is not remote, which `config`
 * told it through job_env. So this bundle holds no settings code at all.
 * Returns false, having done nothing, for remote stages, for other calls,
 * and when the list is missing (no config_exec): the whole driver then
 * reads the settings.
 */
export function main(argv: string[]): boolean {
  const call = parseRunnerCall(argv, process.env);
  if (call?.command !== 'run' || !listedAsLocal(call.stage, process.env)) return false;

  watchStdoutOpening();
  const { runLocalStage } = require('./stages/run-local') as typeof import('./stages/run-local');
  void runToExit(() => runLocalStage(call.script, call.stage));
  return true;
}
