import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Settings } from '../settings/types';

/** How to reach HTCondor's command-line tools and which schedd to talk to. */
export interface CondorTools {
  run(tool: CondorTool, args: string[], timeoutMs?: number): Promise<ToolResult>;
  describe(): string;
}

export type CondorTool =
  | 'condor_submit'
  | 'condor_q'
  | 'condor_rm'
  | 'condor_release'
  | 'condor_history';

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the tool could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
}

/**
 * The tools run with the runner's environment minus the job's CI
 * variables (CUSTOM_ENV_*): they need none of them, and a variable that
 * reached condor_submit could be read back with `$ENV()`. With
 * htcondor.command_prefix they run as the service account, and the submit
 * description goes on stdin, so that no file of ours need be readable by
 * that account for it.
 */
export function condorTools(settings: Settings, env: NodeJS.ProcessEnv): CondorTools {
  const h = settings.htcondor;
  const target = [...(h.schedd ? ['-name', h.schedd] : []), ...(h.pool ? ['-pool', h.pool] : [])];
  const path = (tool: CondorTool) => (h.tool_dir ? join(h.tool_dir, tool) : tool);
  const toolEnv = toolEnvironment(env);

  return {
    run(tool, args, timeoutMs = 120_000) {
      const handOver = h.command_prefix.length > 0 && tool === 'condor_submit';
      const input = handOver ? submitFileOf(args) : undefined;
      const toolArgs = input === undefined ? args : [...args.slice(0, -1), '-'];
      const line = withPrefix(settings, path(tool), [...target, ...toolArgs]);

      return runCommand(line, { env: toolEnv, timeoutMs, input });
    },
    describe: () => (h.schedd ? `schedd ${h.schedd}` : 'the local schedd'),
  };
}

/** A command line, behind htcondor.command_prefix when one is set. */
export function withPrefix(settings: Settings, file: string, args: string[]) {
  const [first, ...rest] = settings.htcondor.command_prefix;
  if (first === undefined) return { file, args };

  return { file: first, args: [...rest, file, ...args] };
}

export function toolEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !key.startsWith('CUSTOM_ENV_')),
  );
}

function submitFileOf(args: string[]): string | undefined {
  const file = args[args.length - 1];
  if (file === undefined || !isAbsolute(file)) return undefined;

  return readFileSync(file, 'utf8');
}

/**
 * Runs a command in its own process group (the runner's SIGTERM to ours
 * must not kill a condor_submit half way; we remove what it queued
 * instead), never throwing for a failed or missing command.
 */
export async function runCommand(
  line: { file: string; args: string[] },
  o: { env: NodeJS.ProcessEnv; timeoutMs: number; input?: string },
): Promise<ToolResult> {
  // execa is loaded on first use so that local stages never pay for it.
  const execa = require('execa') as typeof import('execa');
  const child = execa(line.file, line.args, {
    env: o.env,
    extendEnv: false,
    reject: false,
    ...(o.input === undefined ? { stdin: 'ignore' as const } : { input: o.input }),
    all: false,
    detached: true,
  });
  // Our own timer: execa's would outlive a command that never started.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
  }, o.timeoutMs);
  try {
    const done = await child;
    return {
      exitCode: done.exitCode ?? 1,
      stdout: done.stdout,
      stderr: done.stderr,
      spawnError: timedOut ? 'timed out' : spawnErrorOf(done),
    };
  } finally {
    clearTimeout(timer);
  }
}

function spawnErrorOf(child: { failed: boolean; exitCode?: number; originalMessage?: string }) {
  if (child.failed && child.exitCode === undefined) {
    return child.originalMessage ?? 'could not start';
  }

  return undefined;
}
