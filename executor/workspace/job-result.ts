export type JobResult = { exitCode: number } | { wrapperError: string };

const EXIT_CODE = /^exit_code=(0|[1-9][0-9]{0,2})\n?$/;
const WRAPPER_ERROR = /^wrapper_error=([^\n]+)\n?$/;
const MAX_REASON_LENGTH = 8192;

/**
 * Reads the wrapper's job-result.txt: exactly one line, `exit_code=N` with N
 * in 0..255 or `wrapper_error=<reason>`. The file comes back from the execute
 * node, so anything else is refused rather than guessed at.
 */
export function parseJobResult(text: string): JobResult {
  const code = EXIT_CODE.exec(text);
  if (code) return { exitCode: parseExitCode(code[1] ?? '') };

  const error = WRAPPER_ERROR.exec(text);
  if (error) return { wrapperError: checkReason(error[1] ?? '') };

  throw new Error(
    'job result: expected one line "exit_code=<0-255>" or ' +
      `"wrapper_error=<reason>", got ${JSON.stringify(text.slice(0, 200))}`,
  );
}

function parseExitCode(digits: string): number {
  const value = Number(digits);
  if (value > 255) {
    throw new Error(`job result: exit code ${value} is out of range 0-255`);
  }
  return value;
}

// The reason is shown in the CI log, where control characters could forge
// lines or colours.
function checkReason(reason: string): string {
  if (reason.trim() === '') {
    throw new Error('job result: wrapper_error has an empty reason');
  }
  if (reason.length > MAX_REASON_LENGTH) {
    throw new Error('job result: wrapper_error reason is too long');
  }
  if (/[\u0000-\u001f\u007f]/.test(reason)) {
    throw new Error('job result: wrapper_error reason has control characters');
  }
  return reason;
}
