import { makeSimWorld } from '../integration/sim-job';
import { blockedHeadline } from './support/repo-paths';
import { runWithHarness } from './scenarios/run-with-harness';
import { runWithRunner } from './scenarios/run-with-runner';
import { findRunnerBinary, runnerBlocked } from './scenarios/runner-binary';
import { SCENARIOS } from './scenarios/scenarios';
import type { Backend, Scenario, ScenarioRun } from './scenarios/scenario-types';

type Summary = Pick<ScenarioRun, 'status' | 'failureReason' | 'exitCode'> & {
  artifacts: string[];
};
const summaries = new Map<string, Summary>();
const named = SCENARIOS.map((s) => [s.name, s] as const);

async function runScenario(backend: Backend, scenario: Scenario): Promise<void> {
  const world = makeSimWorld(scenario.settings ?? '');
  try {
    const run =
      backend === 'harness'
        ? await runWithHarness(scenario, world)
        : await runWithRunner(scenario, world, findRunnerBinary() ?? '');
    const { status, failureReason, exitCode } = run;
    const artifacts = [...run.artifactEntries].sort();
    summaries.set(`${backend}:${scenario.name}`, { status, failureReason, exitCode, artifacts });
    await scenario.check(run);
  } finally {
    await world.remove();
  }
}

describe('scenarios through the runner harness', () => {
  test.each(named)('%s', (_name, s) => runScenario('harness', s), 120_000);
});

const blocked = runnerBlocked();
if (blocked) {
  console.warn(`BLOCKED: no gitlab-runner binary, the real-runner scenarios did not run:\n${blocked}`);
  describe('scenarios through gitlab-runner run-single', () => {
    const why = blockedHeadline(blocked);
    for (const s of SCENARIOS) test.skip(`BLOCKED ${s.name} (${why})`, () => undefined);
  });
} else {
  describe('scenarios through gitlab-runner run-single', () => {
    test.each(named)('%s', (_name, s) => runScenario('gitlab-runner', s), 180_000);
    test.each(SCENARIOS.map((s) => s.name))('the harness agrees with gitlab-runner: %s', (name) => {
      const real = summaries.get(`gitlab-runner:${name}`);
      expect(real).toBeDefined();
      expect(summaries.get(`harness:${name}`)).toEqual(real);
    });
  });
}
