/**
 * The steps of a guide that a test follows: fenced code blocks right after
 * a comment `<!-- walk-through: KIND [ARGUMENT] -->`. Readers of the guide
 * see plain code blocks; the test sees what to do with each.
 */
export type StepKind = 'run' | 'file' | 'runner-config' | 'pipeline';

export interface GuideStep {
  kind: StepKind;
  /** For `file`: the path to write the block to. */
  argument: string;
  /** The info string of the fence: sh, toml, yaml, ini. */
  lang: string;
  body: string;
  /** 1-based line of the marker, for messages. */
  line: number;
}

const MARKER =
  /^<!-- walk-through: (run|file|runner-config|pipeline)(?: (\S+))? -->$/;
const FENCE = /^```(\S*)\s*$/;

export function readGuideSteps(markdown: string): GuideStep[] {
  const lines = markdown.split('\n');
  const steps: GuideStep[] = [];
  lines.forEach((text, i) => {
    const m = MARKER.exec(text.trim());
    if (m) steps.push(blockAfter(lines, i, m[1] as StepKind, m[2] ?? ''));
  });

  return steps;
}

function blockAfter(
  lines: string[],
  at: number,
  kind: StepKind,
  argument: string,
): GuideStep {
  const open = FENCE.exec(lines[at + 1] ?? '');
  if (!open) {
    throw new Error(`line ${at + 1}: a marker must precede a code block`);
  }
  const end = lines.findIndex((l, i) => i > at + 1 && /^```\s*$/.test(l));
  if (end < 0) throw new Error(`line ${at + 1}: the code block never ends`);

  return {
    kind,
    argument,
    lang: open[1] ?? '',
    body: `${lines.slice(at + 2, end).join('\n')}\n`,
    line: at + 1,
  };
}

/** Replaces each key by its value, longest key first, all in one pass. */
export function substitute(
  text: string,
  table: Record<string, string>,
): string {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return text;
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));

  return text.replace(
    new RegExp(escaped.join('|'), 'g'),
    (found) => table[found] ?? found,
  );
}
