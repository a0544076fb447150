import { makeSimWorld } from '../integration/sim-job';
import { blockedHeadline } from './support/repo-paths';
import { runWithHarness } from './scenarios/run-with-harness';
import { runWithRunner } from './scenarios/run-with-runner';
import { findRunnerBinary, runnerBlocked } from './scenarios/runner-binary';
import { SCENARIOS } from './scenarios/scenarios';
import type { Backend, Scenario, ScenarioRun } from './scenarios/scenario-types';

type Summary = Pick<ScenarioRun, 'status' | 'failureReason' | 'exitCode'> & { artifacts: string[] };
const summaries = new Map<string, Summary>();

async function runScenario(backend: Backend, scenario: Scenario): Promise<void> {
  const world = makeSimWorld(scenario.settings ?? '');
  try {
    const binary = findRunnerBinary() ?? '';
    const run = backend === 'harness'
      ? await runWithHarness(scenario, world)
      : await runWithRunner(scenario, world, binary);
    const { status, failureReason, exitCode } = run;
    summaries.set(`${backend}:${scenario.name}`, { status, failureReason, exitCode, artifacts: [...run.artifactEntries].sort() });
    await scenario.check(run);
  } finally {
    await world.remove();
  }
}

describe('scenarios through the runner harness', () => {
  test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => runScenario('harness', scenario), 120_000);
});

const blocked = runnerBlocked();
if (blocked) {
  console.warn(`BLOCKED: no gitlab-runner binary, so the real-runner scenarios did not run:\n${blocked}`);
  describe('scenarios through gitlab-runner run-single', () => {
    for (const s of SCENARIOS) test.skip(`BLOCKED ${s.name} (${blockedHeadline(blocked)})`, () => undefined);
  });
} else {
  describe('scenarios through gitlab-runner run-single', () => {
    test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => runScenario('gitlab-runner', scenario), 180_000);
    test.each(SCENARIOS.map((s) => s.name))('the harness agrees with gitlab-runner: %s', (name) => {
      const real = summaries.get(`gitlab-runner:${name}`);
      expect(real).toBeDefined();
      expect(summaries.get(`harness:${name}`)).toEqual(real);
    });
  });
}
