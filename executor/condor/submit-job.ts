import { SystemFailure } from '../errors';
import type { CondorTools, ToolResult } from './tools';

export interface SubmitOptions {
  tools: CondorTools;
  submitFile: string;
  attempts: number;
  retryDelayS: number;
  /** Told about every failed attempt, for the CI log and the driver log. */
  onRetry: (attempt: number, reason: string, waitS: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * condor_submit -terse, retried with backoff while the failure looks
 * transient (schedd unreachable); a refused description is never retried.
 */
export async function submitJob(o: SubmitOptions): Promise<number> {
  const sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  let last = '';
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    const result = await o.tools.run('condor_submit', ['-terse', o.submitFile]);
    if (result.exitCode === 0 && !result.spawnError) return parseTerse(result.stdout);

    last = reasonOf(result);
    if (!isTransient(result) || attempt === o.attempts) break;

    const waitS = o.retryDelayS * 2 ** (attempt - 1);
    o.onRetry(attempt, last, waitS);
    await sleep(waitS * 1000);
  }

  throw new SystemFailure(`condor_submit failed: ${last}`);
}

/** `-terse` prints one `C.P - C.P` range per cluster; we submit one job. */
export function parseTerse(stdout: string): number {
  const m = /^\s*(\d+)\.(\d+)\s*-\s*(\d+)\.(\d+)\s*$/m.exec(stdout);
  if (!m) {
    throw new SystemFailure(`condor_submit printed no job id: ${JSON.stringify(stdout.slice(0, 200))}`);
  }

  return Number(m[1]);
}

const TRANSIENT = [
  /Can't find address of/i,
  /Failed to connect to/i,
  /CEDAR:6001/,
  /AUTHENTICATE:1006/,
  /timed out/i,
  /Connection refused/i,
  /temporarily unavailable/i,
];

function isTransient(result: ToolResult): boolean {
  if (result.spawnError && result.spawnError !== 'timed out') return false;
  const text = `${result.stderr}\n${result.spawnError ?? ''}`;

  return TRANSIENT.some((re) => re.test(text));
}

function reasonOf(result: ToolResult): string {
  if (result.spawnError) return result.spawnError;
  const lines = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/condor_watch_q|^WARNING/i.test(l));

  return lines.join(' | ') || `exit code ${result.exitCode} with no message`;
}
