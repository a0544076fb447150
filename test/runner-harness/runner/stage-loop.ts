/**
 * The run_exec stages of one job, in gitlab-runner's order and with its
 * rules for which stages still run after a failure, a cancel or a timeout.
 */
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

/** get_sources, then download_artifacts when a dependency has artifacts. */
async function fetchInputs(
  state: JobState,
  run: StageRunner,
): Promise<StageResult> {
  const sources = await runAttempts(state, 'GET_SOURCES_ATTEMPTS', (n) =>
    n > 1 ? clearThenFetch(run) : run('get_sources'),
  );
  const hasDownloads = (state.job.dependencies ?? []).some((d) => d.archive);
  if (sources.kind !== 'ok' || !hasDownloads || state.control.aborted) {
    return sources;
  }
  return runAttempts(state, 'ARTIFACT_DOWNLOAD_ATTEMPTS', () =>
    run('download_artifacts'),
  );
}

async function clearThenFetch(run: StageRunner): Promise<StageResult> {
  await run('clear_worktree');
  return run('get_sources');
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
