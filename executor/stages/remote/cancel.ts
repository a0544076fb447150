import { onTermination } from '../signals';

/** The runner's SIGTERM/SIGINT, turned into one removal of our job. */
export interface CancelWatch {
  arm(action: () => Promise<void>): void;
  fired(): boolean;
  disarm(): void;
}

export function watchForCancel(): CancelWatch {
  let action: (() => Promise<void>) | undefined;
  let fired = false;
  const stopWatching = onTermination(() => {
    fired = true;
    void action?.();
  });

  return {
    arm(a) {
      action = a;
      if (fired) void a();
    },
    fired: () => fired,
    disarm: stopWatching,
  };
}
