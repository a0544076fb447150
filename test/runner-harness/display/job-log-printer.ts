/**
 * Live job logs for a terminal. Lines of a job that ran alongside another
 * one are prefixed with its name, so interleaved output stays readable;
 * every job starts with a banner. Output goes to `write`.
 */
import { renderTrace } from './render-trace';

interface JobView {
  pending: string;
  prefixed: boolean;
}

export class JobLogPrinter {
  private readonly jobs = new Map<string, JobView>();
  private readonly running = new Set<string>();

  constructor(
    private readonly write: (text: string) => void,
    private readonly colour = false,
  ) {}

  jobStarted(name: string): void {
    this.running.add(name);
    this.jobs.set(name, { pending: '', prefixed: false });
    this.markConcurrent();
    this.write(`── ${name} ──\n`);
  }

  chunk(name: string, text: string): void {
    const view = this.jobs.get(name);
    if (!view) {
      return;
    }
    view.pending += renderTrace(text, this.colour);
    const cut = view.pending.lastIndexOf('\n');
    if (cut >= 0) {
      this.emit(name, view, view.pending.slice(0, cut));
      view.pending = view.pending.slice(cut + 1);
    }
  }

  jobEnded(name: string): void {
    const view = this.jobs.get(name);
    if (view && view.pending !== '') {
      this.emit(name, view, view.pending);
      view.pending = '';
    }
    this.running.delete(name);
  }

  /** Once two jobs overlap, both keep their prefix until they end. */
  private markConcurrent(): void {
    if (this.running.size < 2) {
      return;
    }
    for (const name of this.running) {
      const view = this.jobs.get(name);
      if (view) {
        view.prefixed = true;
      }
    }
  }

  private emit(name: string, view: JobView, text: string): void {
    const lines = text.split('\n');
    const shown = view.prefixed
      ? lines.map((line) => `[${name}] ${line}`)
      : lines;
    this.write(shown.join('\n') + '\n');
  }
}
