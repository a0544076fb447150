import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from '../settings/types';

/**
 * The driver's own log: JSON lines for the admin, with the CI job id and
 * the stage on every line. Never stdout, never a variable value or script.
 */
export interface DriverLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  close(): Promise<void>;
}

export interface DriverLogTarget {
  settings: Settings;
  jobId: string;
  call: string;
  stage?: string;
  /** The job's state dir, for the per-job file; omitted once it is gone. */
  stateDir?: string;
}

export function runnerLogFile(settings: Settings): string {
  return settings.logging.file || join(settings.workspace.state_dir, 'driver.log');
}

export function openDriverLog(t: DriverLogTarget): DriverLog {
  const winston = require('winston') as typeof import('winston');
  const files = [runnerLogFile(t.settings)];
  if (t.stateDir) files.push(join(t.stateDir, 'driver.log'));

  const transports = files.map((filename) => {
    mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
    return new winston.transports.File({ filename, options: { mode: 0o600 } });
  });
  const logger = winston.createLogger({
    level: t.settings.logging.level,
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    defaultMeta: { job: t.jobId, call: t.call, ...(t.stage ? { stage: t.stage } : {}) },
    transports,
  });

  return wrap(logger);
}

function wrap(logger: import('winston').Logger): DriverLog {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logger.log(level, message, fields ?? {});
  };

  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    close: () =>
      new Promise<void>((resolve) => {
        logger.on('finish', () => resolve());
        logger.end();
        setTimeout(resolve, 2000).unref();
      }),
  };
}

/** For calls that have no settings yet, or in tests. */
export const silentLog: DriverLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  close: async () => undefined,
};
