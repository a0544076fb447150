import { spawn, type ChildProcess } from 'node:child_process';
import { driverBin } from './paths';

/** Milliseconds since the epoch, with sub-millisecond resolution. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface CallResult {
  code: number | null;
  startMs: number;
  endMs: number;
  stdout: Buffer;
  stderr: string;
}

export interface CallOptions {
  env: NodeJS.ProcessEnv;
  /** Sees each stdout chunk when it arrives, with the arrival time. */
  onStdout?: (chunk: Buffer, atMs: number) => void;
  /** Keep stdout in the result (off for large outputs). */
  keepStdout?: boolean;
  timeoutMs?: number;
}

/** A driver call in flight: the process, and its result once it exits. */
export interface RunningCall {
  child: ChildProcess;
  done: Promise<CallResult>;
}

/** Starts the driver as gitlab-runner does; kills it after the timeout. */
export function startDriver(args: string[], o: CallOptions): RunningCall {
  const startMs = nowMs();
  const child = spawn(driverBin(), args, {
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    o.onStdout?.(chunk, nowMs());
    if (o.keepStdout !== false) out.push(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
  let endMs = 0;
  child.on('exit', () => {
    endMs = nowMs();
    clearTimeout(timer);
  });
  const done = new Promise<CallResult>((resolve, reject) => {
    child.on('error', reject);
    // After the pipes are drained, so that no output is missing.
    child.on('close', (code) =>
      resolve({ code, startMs, endMs, stdout: Buffer.concat(out), stderr }),
    );
  });

  return { child, done };
}

export function callDriver(args: string[], o: CallOptions) {
  return startDriver(args, o).done;
}

/** Like callDriver, but a non-zero exit is an error worth a message. */
export async function mustCall(args: string[], o: CallOptions) {
  const result = await callDriver(args, o);
  if (result.code !== 0) {
    throw new Error(
      `driver ${args[0]} exited with ${result.code}: ${result.stderr.trim()}`,
    );
  }

  return result;
}
