import { parseRunnerCall } from './cli-call';
import { runToExit, watchStdoutOpening } from './cli-exit';

/**
 * `config`, bundled on its own by `npm run build`: gitlab-runner calls it
 * first in every job, and it needs only the settings, a third of the
 * whole driver. Returns false for any other call, having done nothing.
 */
export function main(argv: string[]): boolean {
  const call = parseRunnerCall(argv, process.env);
  if (call?.command !== 'config') return false;

  watchStdoutOpening();
  const { configCommand } = require('./commands/config') as typeof import('./commands/config');
  void runToExit(() => configCommand(call.config));
  return true;
}
