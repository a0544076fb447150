/**
 * One driver call, started like gitlab-runner starts it: its own process
 * group, stdin from /dev/null, and on cancel SIGTERM to the group, SIGKILL
 * after the graceful timeout, then giving up after the force timeout.
 */
import { spawn } from 'child_process';
import { StringDecoder } from 'string_decoder';

export interface CallRequest {
  exec: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  onStdout: (text: string) => void;
  onStderr: (text: string) => void;
  gracefulKillMs: number;
  forceKillMs: number;
}

export interface CallOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The process outlived SIGKILL + force timeout (or kept its pipes open). */
  gaveUp: boolean;
  /** The call could not be started at all. */
  startError?: Error;
  ms: number;
}

export interface RunningCall {
  done: Promise<CallOutcome>;
  terminate(): void;
}

export function spawnCall(req: CallRequest): RunningCall {
  const started = Date.now();
  const child = spawn(req.exec, req.args, {
    cwd: req.cwd,
    env: req.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeText(child.stdout, req.onStdout);
  pipeText(child.stderr, req.onStderr);

  const { done, finish } = settleOnce(started);
  child.on('error', (err) =>
    finish({ code: null, signal: null, gaveUp: false, startError: err }),
  );
  // 'close' waits for the pipes too, like Go's cmd.Wait.
  child.on('close', (code, signal) => finish({ code, signal, gaveUp: false }));

  const terminate = createTerminator(child.pid, req, () => {
    // A process that survives SIGKILL must not keep the harness alive.
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
    finish({ code: null, signal: null, gaveUp: true });
  });
  void done.then(terminate.stopTimers);
  return { done, terminate: terminate.start };
}

type Finish = (outcome: Omit<CallOutcome, 'ms'>) => void;

/** The first of exit, start error or giving up decides the outcome. */
function settleOnce(started: number): {
  done: Promise<CallOutcome>;
  finish: Finish;
} {
  let finish: Finish = () => undefined;
  const done = new Promise<CallOutcome>((resolve) => {
    let settled = false;
    finish = (outcome) => {
      if (!settled) {
        settled = true;
        resolve({ ...outcome, ms: Date.now() - started });
      }
    };
  });
  return { done, finish };
}

function createTerminator(
  pid: number | undefined,
  req: CallRequest,
  giveUp: () => void,
): { start: () => void; stopTimers: () => void } {
  const timers: NodeJS.Timeout[] = [];
  let started = false;
  const start = (): void => {
    if (started || pid === undefined) {
      return;
    }
    started = true;
    signalGroup(pid, 'SIGTERM');
    timers.push(
      setTimeout(() => {
        signalGroup(pid, 'SIGKILL');
        timers.push(setTimeout(giveUp, req.forceKillMs));
      }, req.gracefulKillMs),
    );
  };
  const stopTimers = (): void => timers.forEach(clearTimeout);
  return { start, stopTimers };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function pipeText(
  stream: NodeJS.ReadableStream | null,
  sink: (text: string) => void,
): void {
  if (!stream) {
    return;
  }
  const decoder = new StringDecoder('utf8');
  stream.on('data', (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text !== '') {
      sink(text);
    }
  });
  stream.on('end', () => {
    const rest = decoder.end();
    if (rest !== '') {
      sink(rest);
    }
  });
}
