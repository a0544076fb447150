/**
 * Replaces masked variable values with [MASKED] in a stream of text. A tail
 * that could be the start of a secret is held back until more text arrives
 * or the stream is flushed, so a secret split across chunks is still caught.
 */

export class Masker {
  private pending = '';

  constructor(
    private readonly secrets: string[],
    private readonly emit: (text: string) => void,
  ) {}

  write(text: string): void {
    const joined = this.pending + text;
    const masked = this.mask(joined);
    const keep = this.partialTail(masked);
    this.pending = masked.slice(masked.length - keep);
    const ready = masked.slice(0, masked.length - keep);
    if (ready !== '') {
      this.emit(ready);
    }
  }

  flush(): void {
    if (this.pending !== '') {
      this.emit(this.pending);
      this.pending = '';
    }
  }

  private mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      out = out.split(secret).join('[MASKED]');
    }
    return out;
  }

  /** Length of the longest suffix that is a proper prefix of a secret. */
  private partialTail(text: string): number {
    let longest = 0;
    for (const secret of this.secrets) {
      const max = Math.min(secret.length - 1, text.length);
      for (let n = max; n > longest; n -= 1) {
        if (secret.startsWith(text.slice(text.length - n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
