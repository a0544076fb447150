import { readExitCodes } from './exit-codes';
import { reportFailure } from './report-failure';

/** Runs a command to its end, then exits with the code the runner reads. */
export function runToExit(body: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => resolve(body())).then(
    () => exit(0),
    (error: unknown) => exit(reportFailure(error)),
  );
}

/** A wrong call is the admin's configuration, never the pipeline's. */
export function exitForWrongCall(): void {
  exit(readExitCodes(process.env).systemFailure);
}

/** Waits for stdout to drain so no job output is lost at exit. */
function exit(code: number): void {
  process.exitCode = code;
  if (!stdoutOpened() || process.stdout.writableLength === 0) {
    return process.exit(code);
  }
  process.stdout.once('drain', () => process.exit(code));
}

let stdoutOpened = () => true;

/**
 * Notes whether anything opened the process.stdout stream. Opening it loads
 * Node's stream modules, which `config` (it writes fd 1 directly) and local
 * stages (bash inherits fd 1) never need; exit must drain it only if open.
 * Called first thing in every call.
 */
export function watchStdoutOpening(): void {
  const original = Object.getOwnPropertyDescriptor(process, 'stdout');
  const get = original?.get;
  if (!get || !original.configurable) return;
  let opened = false;
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: original.enumerable,
    get() {
      opened = true;
      return get.call(process);
    },
  });
  stdoutOpened = () => opened;
}
