import { parseRunnerCall } from './cli-call';
import { runToExit, watchStdoutOpening } from './cli-exit';
import { loadSettings } from './settings/load';
import type { Settings } from './settings/types';
import { isRemoteStage } from './stages/plan';

/**
 * The calls a CI job makes most and that need least: `config` and the
 * local stages (a dozen per job between them), which read the settings
 * and start bash, or nothing more. `npm run build` bundles this entry on
 * its own, a third the size of the whole driver, so these calls read and
 * compile only what they use. Returns false for every other call (and for
 * settings that do not load, which the whole driver then reports), having
 * done nothing that the whole driver would do again. Each command module
 * is required where it is used: `config` never loads child_process.
 */
export function main(argv: string[]): boolean {
  const call = parseRunnerCall(argv, process.env);
  if (call?.command === 'config') {
    watchStdoutOpening();
    const { configCommand } = require('./commands/config') as typeof import('./commands/config');
    void runToExit(() => configCommand(call.config));
    return true;
  }
  if (call?.command !== 'run') return false;

  let settings: Settings;
  try {
    settings = loadSettings(call.config);
  } catch {
    return false;
  }
  if (isRemoteStage(call.stage, settings.workspace.remote_stages)) return false;

  watchStdoutOpening();
  const { runLocalStage } = require('./stages/run-local') as typeof import('./stages/run-local');
  void runToExit(() => runLocalStage(call.script, call.stage));
  return true;
}
