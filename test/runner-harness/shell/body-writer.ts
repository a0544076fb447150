/**
 * Builds a stage body line by line, with the runner's coloured notices and
 * echoed user commands.
 */
import { shellCommand, shellEscape } from './shell-escape';

const GREEN = '\x1b[32;1m';
const YELLOW = '\x1b[0;33m';
const RED = '\x1b[31;1m';
const RESET = '\x1b[0;m';

export class BodyWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text: string): void {
    this.lines.push('  '.repeat(this.depth) + text);
  }

  command(...words: string[]): void {
    this.line(shellCommand(...words));
  }

  notice(text: string): void {
    this.line('echo ' + shellEscape(GREEN + text + RESET));
  }

  warning(text: string): void {
    this.line('echo ' + shellEscape(YELLOW + text + RESET));
  }

  error(text: string): void {
    this.line('echo ' + shellEscape(RED + text + RESET));
  }

  /** Echo the command in green, then run it verbatim. */
  userCommand(entry: string): void {
    if (entry.trim() === '') {
      this.line('echo');
      return;
    }
    const [first] = entry.split('\n');
    const shown = entry.includes('\n')
      ? `${first ?? ''} # collapsed multi-line command`
      : entry;
    this.notice('$ ' + shown);
    this.line(entry);
  }

  ifBlock(condition: string, then: () => void, otherwise?: () => void): void {
    this.line(`if ${condition}; then`);
    this.indented(then);
    if (otherwise) {
      this.line('else');
      this.indented(otherwise);
    }
    this.line('fi');
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  private indented(write: () => void): void {
    this.depth += 1;
    write();
    this.depth -= 1;
  }
}
