import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustCall } from './lib/driver-call';
import type { BenchOptions } from './lib/options';
import { latencyFigures, type Figure } from './lib/report';
import { makeSimWorld, type SimWorld } from './lib/sim-world';
import { benchThroughput } from './log-throughput';

const TICK = /^tick (\d+)$/;

/**
 * A job prints lines stamped with the time they were written, spaced out;
 * each stamp is compared with the moment the line reaches the end of the
 * driver's stdout pipe.
 */
export async function benchLogStream(o: BenchOptions): Promise<Figure[]> {
  const world = makeSimWorld({ queueDelayMs: 0 });
  try {
    const latencies = await measureLatencies(world, o.logLines);
    if (latencies.length !== o.logLines) {
      throw new Error(`${latencies.length} of ${o.logLines} lines arrived`);
    }

    return [
      ...latencyFigures(
        'log latency: job writes a line -> driver stdout',
        latencies,
        100,
        500,
      ),
      await benchThroughput(o.throughputBytes),
    ];
  } finally {
    await world.remove();
  }
}

async function measureLatencies(world: SimWorld, lines: number) {
  const script = join(world.root, 'ticks.sh');
  writeFileSync(script, tickScript(lines));
  const env = world.env(1);
  const config = ['--config', world.settingsFile];
  const latencies: number[] = [];
  const lineReader = splitLines((line, atMs) => {
    const match = TICK.exec(line);
    if (match) latencies.push(atMs - Number(match[1]) / 1e6);
  });
  await mustCall(['prepare', ...config], { env });
  await mustCall(['run', script, 'build_script', ...config], {
    env,
    onStdout: lineReader,
    keepStdout: false,
  });
  await mustCall(['cleanup', ...config], { env });

  return latencies;
}

/**
 * Lines at irregular intervals (10 to 40 ms), so that some arrive while the
 * driver is idle and some while it is still busy with the one before.
 */
function tickScript(lines: number): string {
  return [
    `for i in $(seq 1 ${lines}); do`,
    '  printf "tick %s\\n" "$(date +%s%N)"',
    '  sleep 0.0$(( (i % 4) + 1 ))',
    'done',
    '',
  ].join('\n');
}

/** Calls `onLine` with each complete line and the time its end arrived. */
function splitLines(onLine: (line: string, atMs: number) => void) {
  let partial = '';

  return (chunk: Buffer, atMs: number) => {
    const text = partial + chunk.toString('latin1');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''), atMs);
  };
}
