import { join } from 'node:path';
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

export function condorTools(settings: Settings, env: NodeJS.ProcessEnv): CondorTools {
  const h = settings.htcondor;
  const target = [...(h.schedd ? ['-name', h.schedd] : []), ...(h.pool ? ['-pool', h.pool] : [])];
  const path = (tool: CondorTool) => (h.tool_dir ? join(h.tool_dir, tool) : tool);

  return {
    async run(tool, args, timeoutMs = 120_000) {
      // execa is loaded on first use so that local stages never pay for it.
      const execa = require('execa') as typeof import('execa');
      const child = await execa(path(tool), [...target, ...args], {
        env,
        reject: false,
        timeout: timeoutMs,
        stdin: 'ignore',
        all: false,
        // Its own process group: the runner's SIGTERM to ours must not kill
        // a condor_submit half way; we remove what it queued instead.
        detached: true,
      });

      return {
        exitCode: child.exitCode ?? 1,
        stdout: child.stdout,
        stderr: child.stderr,
        spawnError: spawnErrorOf(child),
      };
    },
    describe: () => (h.schedd ? `schedd ${h.schedd}` : 'the local schedd'),
  };
}

function spawnErrorOf(child: { failed: boolean; exitCode?: number; originalMessage?: string; timedOut: boolean }) {
  if (child.timedOut) return 'timed out';
  if (child.failed && child.exitCode === undefined) return child.originalMessage ?? 'could not start';

  return undefined;
}
