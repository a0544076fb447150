/**
 * Prepare as the runner does it: config_exec, then prepare_exec, in a fresh
 * temp dir per attempt. Anything but a build failure or a configuration
 * error is retried, up to 3 attempts, with cleanup_exec after each failure.
 */
import { StageResult } from '../process/exit-mapping';
import { callPhaseExec } from './driver-call';
import { parseConfigOutput } from './config-output';
import { cleanupExecutor } from './cleanup-phase';
import { JobState } from './job-state';
import { describeFailure, JobOutcome, outcomeOf } from './outcome';
import { createSessionDir } from './session-dir';

const PREPARATION_ATTEMPTS = 3;
const RETRY_DELAY_MS = 3000;

export type Prepared =
  | { ok: true; sessionDir: string }
  | { ok: false; outcome: JobOutcome };

interface AttemptFailure {
  result: StageResult;
  retryable: boolean;
}

export async function prepareExecutor(
  state: JobState,
  responseJson: string,
): Promise<Prepared> {
  const delay = state.options.preparationRetryDelayMs ?? RETRY_DELAY_MS;
  for (let attempt = 1; ; attempt += 1) {
    const sessionDir = await createSessionDir(responseJson);
    const failure = await prepareOnce(state, sessionDir);
    if (!failure) {
      return { ok: true, sessionDir };
    }

    await cleanupExecutor(state, sessionDir);
    const last = attempt >= PREPARATION_ATTEMPTS || !failure.retryable;
    if (state.control.aborted || last) {
      return { ok: false, outcome: outcomeOf(failure.result) };
    }
    const reason = describeFailure(outcomeOf(failure.result));
    state.trace.error(`ERROR: Preparation failed: ${reason}`);
    state.trace.line(`Will be retried in ${delay / 1000}s ...`);
    await state.control.sleep(delay);
  }
}

async function prepareOnce(
  state: JobState,
  sessionDir: string,
): Promise<AttemptFailure | undefined> {
  state.config = {};
  const configFailure = await runConfigExec(state, sessionDir);
  if (configFailure) {
    return configFailure;
  }
  writeStartupMessage(state);
  if (state.buildsDir === '' || state.cacheDir === '') {
    const key = state.buildsDir === '' ? 'builds_dir' : 'cache_dir';
    const result = systemFailure(`${key} is not configured`);
    return { result, retryable: false };
  }

  const prepared = await callPhaseExec(state, sessionDir, 'prepare', 'trace');
  return prepared && failureOf(prepared.result);
}

async function runConfigExec(
  state: JobState,
  sessionDir: string,
): Promise<AttemptFailure | undefined> {
  const called = await callPhaseExec(state, sessionDir, 'config', 'stderr');
  if (!called) {
    return undefined;
  }
  const { result, stdout } = called;
  if (result.kind !== 'ok') {
    return failureOf(result);
  }
  try {
    state.config = parseConfigOutput(stdout);
    return undefined;
  } catch (err) {
    return { result: systemFailure((err as Error).message), retryable: true };
  }
}

function writeStartupMessage(state: JobState): void {
  const { name, version } = state.config.driver ?? {};
  const driver = [name, name && version].filter(Boolean).join(' ');
  const suffix = driver ? ` with driver ${driver}` : '';
  state.trace.line(`Using Custom executor${suffix}...`);
}

function failureOf(result: StageResult): AttemptFailure | undefined {
  if (result.kind === 'ok') {
    return undefined;
  }
  return { result, retryable: result.kind !== 'build_failure' };
}

function systemFailure(message: string): StageResult {
  return { kind: 'system_failure', message };
}
