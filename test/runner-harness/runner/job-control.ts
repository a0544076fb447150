/**
 * Cancel and timeout for one job, with the runner's scoping: a job timeout
 * or a cancel that arrives before the user scripts aborts the whole job; a
 * cancel during the user scripts ends only the running user stage, and a
 * later one only changes the final status.
 */

interface ActiveCall {
  terminate(): void;
  userScript: boolean;
}

export class JobControl {
  timedOut = false;
  canceled = false;
  private abortedByCancel = false;
  private phase: 'before' | 'user' | 'after' = 'before';
  private active: ActiveCall | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly wakers = new Set<() => void>();

  /** True when no further stage may start; only cleanup_exec runs. */
  get aborted(): boolean {
    return this.timedOut || this.abortedByCancel;
  }

  startTimeout(seconds: number): void {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.active?.terminate();
      this.wakeSleepers();
    }, seconds * 1000);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  cancel(): void {
    if (this.canceled) {
      return;
    }
    this.canceled = true;
    if (this.phase === 'before') {
      this.abortedByCancel = true;
      this.active?.terminate();
      this.wakeSleepers();
    } else if (this.phase === 'user' && this.active?.userScript) {
      this.active.terminate();
    }
  }

  /** Once past the user scripts, a cancel stops nothing that is running. */
  enterPhase(phase: 'user' | 'after'): void {
    this.phase = phase;
  }

  /** Registers the running call; returns the function that forgets it. */
  track(call: ActiveCall): () => void {
    this.active = call;
    return () => {
      if (this.active === call) {
        this.active = undefined;
      }
    };
  }

  /** A pause that ends early when the job is aborted. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  private wakeSleepers(): void {
    for (const wake of [...this.wakers]) {
      wake();
    }
  }
}
