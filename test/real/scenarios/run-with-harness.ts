import { startJob } from '../../runner-harness';
import type { SimWorld } from '../../integration/sim-job';
import { listArchive } from './list-archive';
import type { Scenario, ScenarioRun } from './scenario-types';

/** One scenario through the TypeScript runner harness. */
export async function runWithHarness(
  scenario: Scenario,
  world: SimWorld,
): Promise<ScenarioRun> {
  const spec = world.job(await scenario.job(world));
  const traceChunks: { at: number; text: string }[] = [];
  const trigger = scenario.cancelAfter;
  let seen = '';
  let cancelAt: number | undefined;
  const onTrace = (text: string) => {
    traceChunks.push({ at: Date.now(), text });
    seen += text;
    if (trigger && cancelAt === undefined && seen.includes(trigger)) {
      cancelAt = Date.now();
      handle.cancel();
    }
  };
  const handle = startJob(spec, world.options({ onTrace }));
  const result = await handle.result;
  const archive = result.artifactsArchive;
  return {
    backend: 'harness',
    status: result.status,
    failureReason: result.failureReason,
    exitCode: result.exitCode,
    trace: result.trace,
    traceChunks,
    artifactEntries: archive ? listArchive(archive) : [],
    cancelAt,
    world,
  };
}
