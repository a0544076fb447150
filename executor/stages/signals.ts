import { constants } from 'node:os';

export function signalNumber(name: NodeJS.Signals | string): number {
  return (constants.signals as Record<string, number>)[name] ?? 0;
}

/**
 * Runs `onSignal` once on the first SIGTERM or SIGINT (the runner's cancel
 * and timeout). Returns a function that removes the handlers.
 */
export function onTermination(onSignal: (signal: NodeJS.Signals) => void): () => void {
  let fired = false;
  const handler = (signal: NodeJS.Signals) => {
    if (fired) return;
    fired = true;
    onSignal(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);

  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
