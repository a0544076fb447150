import { spawn } from 'node:child_process';
import { BuildFailure, SystemFailure } from '../errors';
import { isKnownStage } from './plan';
import { signalNumber } from './signals';

/**
 * A local stage: `bash <script>` on the runner host, output passed through
 * untouched. bash shares our process group, so the runner's SIGTERM reaches
 * it directly.
 */
export function runLocalStage(script: string, stage: string): Promise<void> {
  if (!isKnownStage(stage)) debugNote(`unknown stage ${stage}: running it on the runner host`);

  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => {
      reject(new SystemFailure(`cannot start bash for ${stage}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();

      const status = signal ? 128 + signalNumber(signal) : (code ?? 1);
      reject(new BuildFailure(`${stage} failed with exit code ${status}`, status));
    });
  });
}

function debugNote(text: string): void {
  if (process.env.CUSTOM_ENV_CI_DEBUG_TRACE === 'true' || process.env.HTCONDOR_EXECUTOR_DEBUG) {
    process.stderr.write(`${text}\n`);
  }
}
