/**
 * The job log as the runner writes it: its own lines (ESC[0;m before the
 * newline), section markers with cyan headers, and the driver's output
 * passed through the masker. Library code never prints; `onTrace` gets
 * every chunk as it is appended.
 */
import { Masker } from './masker';

const CYAN = '\x1b[36;1m';
const GREEN = '\x1b[32;1m';
const YELLOW = '\x1b[0;33m';
const RED = '\x1b[31;1m';
const RESET = '\x1b[0;m';

export interface TraceSink {
  write(text: string): void;
  flush(): void;
}

export class TraceWriter {
  private readonly chunks: string[] = [];

  constructor(
    private readonly secrets: string[],
    private readonly onTrace?: (chunk: string) => void,
  ) {}

  /** A sink for one output stream of one driver call. */
  stream(): TraceSink {
    return new Masker(this.secrets, (text) => this.append(text));
  }

  line(text: string, color = ''): void {
    const sink = this.stream();
    sink.write(`\x1b[0K${color}${text}${RESET}\n`);
    sink.flush();
  }

  warning(text: string): void {
    this.line(text, YELLOW);
  }

  error(text: string): void {
    this.line(text, RED);
  }

  success(text: string): void {
    this.line(text, GREEN);
  }

  sectionStart(name: string, description: string): void {
    this.append(`section_start:${unixNow()}:${name}\r\x1b[0K`);
    this.line(description, CYAN);
  }

  sectionEnd(name: string): void {
    this.append(`section_end:${unixNow()}:${name}\r\x1b[0K`);
  }

  text(): string {
    return this.chunks.join('');
  }

  private append(chunk: string): void {
    this.chunks.push(chunk);
    this.onTrace?.(chunk);
  }
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
