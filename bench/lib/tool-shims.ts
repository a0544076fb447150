import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOOLS = [
  'condor_submit',
  'condor_q',
  'condor_rm',
  'condor_history',
  'condor_hold',
  'condor_release',
];

/** One call of an HTCondor tool as the shims saw it. */
export interface ToolCall {
  tool: string;
  startMs: number;
  endMs: number;
}

/**
 * Shims in front of the simulator's tools that note when each call began
 * and ended, with bash's own clock so that timing costs no extra process.
 * What happens between those two moments is the simulator's time, not the
 * driver's. Returns the dir to use as `tool_dir`.
 */
export function writeToolShims(dir: string, simBin: string, log: string) {
  mkdirSync(dir, { recursive: true });
  for (const tool of TOOLS) {
    const shim = join(dir, tool);
    writeFileSync(shim, shimText(join(simBin, tool), tool, log));
    chmodSync(shim, 0o755);
  }

  return dir;
}

function shimText(target: string, tool: string, log: string): string {
  return [
    '#!/bin/bash',
    'start=$EPOCHREALTIME',
    `${quote(target)} "$@"`,
    'status=$?',
    `printf '%s %s %s\\n' ${tool} "$start" "$EPOCHREALTIME" >> ${quote(log)}`,
    'exit $status',
    '',
  ].join('\n');
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function readToolCalls(log: string): ToolCall[] {
  let text: string;
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    return [];
  }

  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [tool, start, end] = line.split(' ');
      return {
        tool: tool ?? '',
        startMs: Number(start) * 1000,
        endMs: Number(end) * 1000,
      };
    });
}
