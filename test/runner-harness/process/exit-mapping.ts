/**
 * How gitlab-runner turns a driver call's end into a stage result: only
 * 0, BUILD_FAILURE_EXIT_CODE (1) and SYSTEM_FAILURE_EXIT_CODE (2) mean
 * anything; on 1 the real code comes from BUILD_EXIT_CODE_FILE.
 */
import { promises as fs } from 'fs';
import { CallOutcome } from './spawn-call';

export type StageResult =
  | { kind: 'ok' }
  | { kind: 'build_failure'; exitCode: number }
  | { kind: 'system_failure'; message: string };

export async function mapCallOutcome(
  outcome: CallOutcome,
  exitCodeFile: string,
): Promise<StageResult> {
  if (outcome.startError) {
    return systemFailure(outcome.startError.message);
  }
  if (outcome.gaveUp) {
    return systemFailure('failed to kill process, likely process is dormant');
  }
  if (outcome.code === null) {
    return systemFailure('unknown Custom executor executable exit code -1');
  }
  switch (outcome.code) {
    case 0:
      return { kind: 'ok' };
    case 1:
      return readBuildExitCode(exitCodeFile);
    case 2:
      return systemFailure('exit status 2');
    default:
      return systemFailure(
        `unknown Custom executor executable exit code ${outcome.code}`,
      );
  }
}

/** The file is only read: missing means 1, garbage means system failure. */
async function readBuildExitCode(file: string): Promise<StageResult> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch {
    return { kind: 'build_failure', exitCode: 1 };
  }

  const firstLine = content.split('\n')[0] ?? '';
  const exitCode = parseAtoi(firstLine);
  if (exitCode === undefined) {
    const shown = JSON.stringify(firstLine);
    return systemFailure(`reading build exit code from ${file}: ${shown}`);
  }
  return { kind: 'build_failure', exitCode };
}

/** Go's strconv.Atoi: optional sign, decimal digits, no spaces. */
export function parseAtoi(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function systemFailure(message: string): StageResult {
  return { kind: 'system_failure', message };
}
