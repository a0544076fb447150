import { recordInvocation } from './state/invocations';
import { ensureSimHome, resolveSimHome } from './state/paths';

/** What a simulated tool prints and returns. */
export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type ToolBody = (home: string, argv: string[]) => ToolResult;

/**
 * The shared `main` of every simulated tool: records the call, runs the
 * tool, prints, exits. An unexpected crash exits 1 with the message on
 * stderr, which is also what a real tool does when it fails.
 */
export function runTool(tool: string, body: ToolBody): void {
  const argv = process.argv.slice(2);
  const home = resolveSimHome();
  let result: ToolResult;
  try {
    ensureSimHome(home);
    recordInvocation(home, tool, argv);
    result = body(home, argv);
  } catch (err) {
    result = failed(`ERROR: ${(err as Error).message}\n`);
  }
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

export function ok(stdout: string, stderr = ''): ToolResult {
  return { stdout, stderr, exitCode: 0 };
}

export function failed(stderr: string, stdout = ''): ToolResult {
  return { stdout, stderr, exitCode: 1 };
}

export function lines(text: string[]): string {
  return text.length === 0 ? '' : `${text.join('\n')}\n`;
}
