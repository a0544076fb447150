/**
 * The three ways a driver call can fail. One top-level catch in cli.ts turns
 * them into the only exit codes gitlab-runner understands.
 */
export type FailureKind = 'build' | 'system' | 'configuration';

export class DriverError extends Error {
  readonly kind: FailureKind;

  constructor(kind: FailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.name = new.target.name;
  }
}

/** The user's script (or the pipeline's input) is at fault. */
export class BuildFailure extends DriverError {
  /** The script's own exit code, written to BUILD_EXIT_CODE_FILE when set. */
  readonly exitCode: number | undefined;

  constructor(message: string, exitCode?: number, options?: { cause?: unknown }) {
    super('build', message, options);
    this.exitCode = exitCode;
  }
}

/** Infrastructure is at fault: GitLab's `retry: runner_system_failure` applies. */
export class SystemFailure extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('system', message, options);
  }
}

/** The admin's settings are wrong; every problem is listed at once. */
export class ConfigurationError extends DriverError {
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    super('configuration', `invalid settings in ${file}:\n${list}`);
    this.problems = problems;
  }
}

export function describeCause(error: unknown): string {
  if (error instanceof Error) return error.message;

  return String(error);
}
