/**
 * The run_exec stages of one job, in gitlab-runner's order and with its
 * rules for which stages still run after a failure, a cancel or a timeout.
 */
import { entriesToRestore } from '../job/cache-entries';
import { StageResult } from '../process/exit-mapping';
import { JobState } from './job-state';
import { JobOutcome, outcomeOf, SUCCESS } from './outcome';
import { runStage } from './stage-call';
import { runFinishingStages } from './finishing-stages';

export type StageRunner = (
  stage: string,
  lines?: string[],
  scope?: 'job' | 'user',
) => Promise<StageResult>;

export async function runStages(
  state: JobState,
  sessionDir: string,
): Promise<JobOutcome> {
  const run: StageRunner = (stage, lines, scope) =>
    runStage(state, sessionDir, stage, lines, scope);
  if (state.control.aborted) {
    return SUCCESS;
  }

  const prepared = await run('prepare_script');
  if (prepared.kind !== 'ok' || state.control.aborted) {
    return outcomeOf(prepared);
  }
  const sources = await fetchInputs(state, run);
  if (state.control.aborted) {
    return outcomeOf(sources);
  }

  let outcome = outcomeOf(sources);
  if (sources.kind === 'ok') {
    outcome = await runUserScripts(state, run);
    if (state.control.aborted) {
      return outcome;
    }
  }
  return runFinishingStages(state, run, outcome, sources.kind === 'ok');
}

/**
 * get_sources, then restore_cache and download_artifacts when there is
 * something to restore or download; each may be retried per its variable.
 */
async function fetchInputs(
  state: JobState,
  run: StageRunner,
): Promise<StageResult> {
  const steps: [string, boolean, () => Promise<StageResult>][] = [
    ['GET_SOURCES_ATTEMPTS', true, () => run('get_sources')],
    [
      'RESTORE_CACHE_ATTEMPTS',
      entriesToRestore(state.caches).length > 0,
      () => run('restore_cache'),
    ],
    [
      'ARTIFACT_DOWNLOAD_ATTEMPTS',
      (state.job.dependencies ?? []).some((d) => d.archive),
      () => run('download_artifacts'),
    ],
  ];
  let result: StageResult = { kind: 'ok' };
  for (const [variable, needed, stage] of steps) {
    if (!needed || result.kind !== 'ok' || state.control.aborted) {
      continue;
    }
    const clear = variable === 'GET_SOURCES_ATTEMPTS';
    result = await runAttempts(state, variable, (n) =>
      clear && n > 1 ? clearThen(run, stage) : stage(),
    );
  }
  return result;
}

/** Before another get_sources attempt the runner clears the worktree. */
async function clearThen(
  run: StageRunner,
  stage: () => Promise<StageResult>,
): Promise<StageResult> {
  await run('clear_worktree');
  return stage();
}

async function runAttempts(
  state: JobState,
  variable: string,
  attempt: (n: number) => Promise<StageResult>,
): Promise<StageResult> {
  const wanted = Number.parseInt(state.lookupVariable(variable) ?? '1', 10);
  const attempts = Math.min(Math.max(Number.isNaN(wanted) ? 1 : wanted, 1), 10);
  let result = await attempt(1);
  for (let n = 2; n <= attempts && result.kind !== 'ok'; n += 1) {
    if (state.control.aborted) {
      break;
    }
    result = await attempt(n);
  }
  return result;
}

/** build_script then step_<name>; the first failure or a cancel stops them. */
async function runUserScripts(
  state: JobState,
  run: StageRunner,
): Promise<JobOutcome> {
  state.control.enterPhase('user');
  const steps = [
    { stage: 'build_script', lines: state.job.script },
    ...(state.job.steps ?? []).map((s) => ({
      stage: `step_${s.name.toLowerCase()}`,
      lines: s.script,
    })),
  ];
  for (const step of steps) {
    if (state.control.canceled || state.control.aborted) {
      return { kind: 'canceled' };
    }
    const result = await run(step.stage, step.lines, 'user');
    if (state.control.canceled) {
      return { kind: 'canceled' };
    }
    if (result.kind !== 'ok') {
      return outcomeOf(result);
    }
  }
  return SUCCESS;
}
