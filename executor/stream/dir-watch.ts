import { watch, type FSWatcher } from 'node:fs';

/**
 * How far the safety poll backs off, as a multiple of `pollMs`, while no
 * change notification arrives. A runner may have a hundred drivers waiting
 * for queued jobs; at one poll a second each they would cost some 3% of a
 * core, where a notification costs nothing until something happens.
 */
const MAX_BACKOFF = 5;

/**
 * Calls `onChange` when anything in `dir` changes (inotify through
 * fs.watch), and in case notifications are lost, as they can be on network
 * filesystems, also after `pollMs`, then after twice that and so on up to
 * MAX_BACKOFF times `pollMs` while the dir stays quiet; a notification
 * brings the poll back to `pollMs`. Without fs.watch it polls every
 * `pollMs` (at most 250 ms).
 */
export function watchDir(
  dir: string,
  onChange: () => void,
  pollMs: number,
): () => void {
  let watcher: FSWatcher | undefined;
  let noticed = false;
  let delay = pollMs;
  try {
    watcher = watch(dir, { persistent: true }, () => {
      noticed = true;
      onChange();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    watcher = undefined;
  }

  let timer: NodeJS.Timeout;
  const schedule = () => {
    timer = setTimeout(tick, watcher ? delay : Math.min(pollMs, 250));
  };
  const tick = () => {
    delay = noticed ? pollMs : Math.min(delay * 2, pollMs * MAX_BACKOFF);
    noticed = false;
    onChange();
    schedule();
  };
  schedule();

  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
