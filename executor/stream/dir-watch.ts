import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` when anything in `dir` changes (inotify through
 * fs.watch), and at least every `pollMs` in case notifications are lost,
 * as they can be on network filesystems.
 */
export function watchDir(dir: string, onChange: () => void, pollMs: number): () => void {
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: true }, () => onChange());
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  const timer = setInterval(onChange, watcher ? pollMs : Math.min(pollMs, 250));

  return () => {
    clearInterval(timer);
    watcher?.close();
  };
}
