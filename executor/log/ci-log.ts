/**
 * Lines for people in the CI job log (the driver's stdout during prepare and
 * run). GitLab renders these ANSI colours; sections fold details away.
 */
const RESET = '\x1b[0;m';
const COLOURS = { info: '\x1b[0;36m', ok: '\x1b[32;1m', warn: '\x1b[0;33m', error: '\x1b[31;1m' };

export type Tone = keyof typeof COLOURS;

export interface CiLog {
  line(text: string, tone?: Tone): void;
  sectionStart(name: string, title: string, collapsed?: boolean): void;
  sectionEnd(name: string): void;
}

export function ciLog(write: (text: string) => void): CiLog {
  return {
    line(text, tone = 'info') {
      write(`${COLOURS[tone]}${text}${RESET}\n`);
    },
    sectionStart(name, title, collapsed = true) {
      const now = Math.floor(Date.now() / 1000);
      const opts = collapsed ? '[collapsed=true]' : '';
      write(`\x1b[0Ksection_start:${now}:${name}${opts}\r\x1b[0K${COLOURS.info}${title}${RESET}\n`);
    },
    sectionEnd(name) {
      const now = Math.floor(Date.now() / 1000);
      write(`\x1b[0Ksection_end:${now}:${name}\r\x1b[0K`);
    },
  };
}

export const stdoutCiLog = (): CiLog => ciLog((text) => process.stdout.write(text));
