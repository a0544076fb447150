/**
 * Starts one driver call for a job: its environment, its cwd in the job's
 * temp dir, where its output goes, the kill timeouts, and the exit mapping.
 */
import { mapCallOutcome, StageResult } from '../process/exit-mapping';
import { spawnCall } from '../process/spawn-call';
import { CallKind, DriverSpec } from '../types';
import { buildCallEnv, buildExitCodeFile, mergeBaseEnv } from './driver-env';
import { JobState } from './job-state';

const DEFAULT_GRACEFUL_KILL_S = 600;
const DEFAULT_FORCE_KILL_S = 10;

/** trace: stdout+stderr to the job log; stderr: stdout captured (config). */
export type OutputMode = 'trace' | 'stderr' | 'none';

export interface DriverCall {
  kind: CallKind;
  exec: string;
  args: string[];
  stage?: string;
  output: OutputMode;
  /** Which cancel may end it; cleanup is never cut short by the job. */
  scope: 'job' | 'user' | 'none';
}

export interface DriverCallResult {
  result: StageResult;
  stdout: string;
}

export async function callDriver(
  state: JobState,
  tmpDir: string,
  call: DriverCall,
): Promise<DriverCallResult> {
  if (isCancelled(state, call)) {
    // The runner checks its context before starting a stage.
    const message = 'context canceled';
    return { result: { kind: 'system_failure', message }, stdout: '' };
  }
  const env = buildCallEnv({
    base: mergeBaseEnv(state.options.env),
    tmpDir,
    jobEnv: call.kind === 'config' ? {} : (state.config.job_env ?? {}),
    variables: state.allVariables(),
  });
  const out = state.trace.stream();
  const err = state.trace.stream();
  let captured = '';

  const running = spawnCall({
    exec: call.exec,
    args: call.args,
    cwd: tmpDir,
    env,
    onStdout: (text) =>
      call.output === 'trace' ? out.write(text) : (captured += text),
    onStderr: (text) => (call.output === 'none' ? undefined : err.write(text)),
    ...killTimeouts(state.options.driver),
  });
  const forget = trackCall(state, call, running.terminate);

  const outcome = await running.done;
  forget();
  out.flush();
  err.flush();
  state.calls.push({
    kind: call.kind,
    ...(call.stage === undefined ? {} : { stage: call.stage }),
    exitCode: outcome.code ?? -1,
    ms: outcome.ms,
  });
  const result = await mapCallOutcome(outcome, buildExitCodeFile(tmpDir));
  return { result, stdout: captured };
}

/** config_exec, prepare_exec or cleanup_exec; undefined when not set. */
export async function callPhaseExec(
  state: JobState,
  tmpDir: string,
  kind: 'config' | 'prepare' | 'cleanup',
  output: OutputMode,
): Promise<DriverCallResult | undefined> {
  const driver = state.options.driver;
  const exec = driver[`${kind}Exec`];
  if (!exec) {
    return undefined;
  }
  const args = driver[`${kind}Args`] ?? [];
  const scope = kind === 'cleanup' ? 'none' : 'job';
  return callDriver(state, tmpDir, { kind, exec, args, output, scope });
}

function isCancelled(state: JobState, call: DriverCall): boolean {
  const { aborted, canceled } = state.control;
  if (call.scope === 'user') {
    return canceled || aborted;
  }
  return call.scope === 'job' && aborted;
}

function trackCall(
  state: JobState,
  call: DriverCall,
  terminate: () => void,
): () => void {
  if (call.scope === 'none') {
    return () => undefined;
  }
  const forget = state.control.track({
    terminate,
    userScript: call.scope === 'user',
  });
  if (state.control.aborted) {
    terminate();
  }
  return forget;
}

function killTimeouts(driver: DriverSpec): {
  gracefulKillMs: number;
  forceKillMs: number;
} {
  // Like the runner, values <= 0 or unset fall back to the defaults.
  const ms = (value: number | undefined, fallback: number): number =>
    (value !== undefined && value > 0 ? value : fallback) * 1000;
  return {
    gracefulKillMs: ms(driver.gracefulKillTimeoutS, DEFAULT_GRACEFUL_KILL_S),
    forceKillMs: ms(driver.forceKillTimeoutS, DEFAULT_FORCE_KILL_S),
  };
}
