import { startJob } from '../../runner-harness';
import type { SimWorld } from '../../integration/sim-job';
import { listArchive } from './list-archive';
import type { Scenario, ScenarioRun } from './scenario-types';

/** One scenario through the TypeScript runner harness. */
export async function runWithHarness(scenario: Scenario, world: SimWorld): Promise<ScenarioRun> {
  const spec = world.job(await scenario.job(world));
  const traceChunks: { at: number; text: string }[] = [];
  let seen = '';
  let cancelAt: number | undefined;
  const handle = startJob(spec, world.options({
    onTrace: (text) => {
      traceChunks.push({ at: Date.now(), text });
      seen += text;
      if (scenario.cancelAfter && cancelAt === undefined && seen.includes(scenario.cancelAfter)) {
        cancelAt = Date.now();
        handle.cancel();
      }
    },
  }));
  const result = await handle.result;
  return {
    backend: 'harness',
    status: result.status,
    failureReason: result.failureReason,
    exitCode: result.exitCode,
    trace: result.trace,
    traceChunks,
    artifactEntries: result.artifactsArchive ? listArchive(result.artifactsArchive) : [],
    cancelAt,
    world,
  };
}
