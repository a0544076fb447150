import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustCall } from './lib/driver-call';
import type { BenchOptions } from './lib/options';
import { atMost, latencyFigures, type Figure } from './lib/report';
import { makeSimWorld, type SimWorld } from './lib/sim-world';
import { describeMs, median } from './lib/stats';
import { readToolCalls, type ToolCall } from './lib/tool-shims';

/** One remote stage, split at the moments the simulator took over and ended. */
interface StageSample {
  wallMs: number;
  /** From condor_submit's start to the 005 event: the simulator's time. */
  simMs: number;
  beforeSubmitMs: number;
  /** From the 005 event written to the driver's exit. */
  afterEndMs: number;
  tools: ToolCall[];
}

/**
 * Remote stages with the script `true` on the simulator with no queue
 * delay: what the driver adds to the simulator's own time, how soon it
 * notices the end of the job, and which schedd tools it calls.
 */
export async function benchRemoteStage(o: BenchOptions): Promise<Figure[]> {
  const world = makeSimWorld({ queueDelayMs: 0 });
  try {
    const script = join(world.root, 'script.sh');
    writeFileSync(script, 'true\n');
    const samples: StageSample[] = [];
    for (let i = 0; i < o.remoteReps; i += 1) {
      samples.push(await runOneStage(world, 100 + i, script));
    }

    return [
      overheadFigure(samples),
      ...endOfJobFigures(samples),
      scheddFigure(samples),
    ];
  } finally {
    await world.remove();
  }
}

async function runOneStage(world: SimWorld, jobId: number, script: string) {
  const env = world.env(jobId);
  const config = ['--config', world.settingsFile];
  await mustCall(['prepare', ...config], { env });
  const seen = readToolCalls(world.toolLog).length;
  const run = await mustCall(['run', script, 'build_script', ...config], {
    env,
    keepStdout: false,
  });
  const tools = readToolCalls(world.toolLog).slice(seen);
  const endedAtMs = terminatedAt(world, jobId);
  await mustCall(['cleanup', ...config], { env });
  const submit = tools.find((t) => t.tool === 'condor_submit');
  if (!submit) throw new Error(`job ${jobId}: no condor_submit was seen`);

  return {
    wallMs: run.endMs - run.startMs,
    simMs: endedAtMs - submit.startMs,
    beforeSubmitMs: submit.startMs - run.startMs,
    afterEndMs: run.endMs - endedAtMs,
    tools,
  };
}

/**
 * When the 005 event was written: the event log's mtime, provided that
 * event is the last one in it.
 */
export function terminatedAt(world: SimWorld, jobId: number): number {
  const stageDir = world.stageDirs(jobId).at(-1);
  if (!stageDir) throw new Error(`job ${jobId}: no stage dir`);
  const log = join(stageDir, 'job.log');
  const codes = readFileSync(log, 'utf8').match(/^\d{3} \(/gm) ?? [];
  if (codes.at(-1) !== '005 (') {
    throw new Error(`job ${jobId}: the event log does not end with a 005`);
  }

  return statSync(log).mtimeMs;
}

function overheadFigure(samples: StageSample[]): Figure {
  const wall = samples.map((s) => s.wallMs);
  const sim = samples.map((s) => s.simMs);
  const added = samples.map((s) => s.wallMs - s.simMs);
  const value = median(added);

  return {
    name: 'remote stage overhead (script true, no queue delay)',
    value,
    unit: 'ms',
    target: atMost(300, 'driver adds <= 300 ms median'),
    baseline: "the simulator's own time",
    ratio: median(wall) / median(sim),
    raw: [
      `driver run call: ${describeMs(wall)}`,
      `simulator, condor_submit start to 005: ${describeMs(sim)}`,
      `added by the driver: ${describeMs(added)}`,
      `  before condor_submit: ${describeMs(samples.map((s) => s.beforeSubmitMs))}`,
      `  after the 005 event: ${describeMs(samples.map((s) => s.afterEndMs))}`,
    ],
  };
}

function endOfJobFigures(samples: StageSample[]): Figure[] {
  const after = samples.map((s) => s.afterEndMs);

  return latencyFigures('end of job noticed: 005 written -> driver exits', after, 150, 500);
}

function scheddFigure(samples: StageSample[]): Figure {
  const count = (s: StageSample, tool: string) =>
    s.tools.filter((t) => t.tool === tool).length;
  const wrong = samples.filter(
    (s) => count(s, 'condor_submit') !== 1 || count(s, 'condor_q') !== 0,
  );
  const all = samples.flatMap((s) => s.tools.map((t) => t.tool));
  const tally = [...new Set(all)].map(
    (tool) => `${tool} ${all.filter((t) => t === tool).length}`,
  );

  return {
    name: 'schedd calls per remote stage',
    value: wrong.length,
    unit: 'stages off',
    target: atMost(0, 'exactly 1 condor_submit and 0 condor_q each'),
    baseline: 'stages',
    ratio: wrong.length / samples.length,
    raw: [
      `${samples.length} stages called: ${tally.join(', ') || 'nothing'}`,
    ],
  };
}
