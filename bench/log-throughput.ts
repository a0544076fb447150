import { spawn } from 'node:child_process';
import {
  closeSync,
  openSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { mustCall, nowMs } from './lib/driver-call';
import { atLeast, type Figure } from './lib/report';
import { makeSimWorld, type SimWorld } from './lib/sim-world';
import { median } from './lib/stats';

const START = 'BENCH-START\n';
const END = 'BENCH-END\n';
const REPS = 3;

/** When the first and the last byte of the job's output went by. */
interface Passage {
  firstMs: number;
  lastMs: number;
}

/**
 * The driver copying a job's large output file to its stdout, against `cat`
 * of the same file into the same reader; each time runs from the first
 * byte to the last one. The simulator streams output slower than the
 * driver reads it, so here the whole output is in place when the driver
 * starts following (an instant stand-in for HTCondor), and only the
 * driver's own speed counts.
 */
export async function benchThroughput(bytes: number): Promise<Figure> {
  const world = makeSimWorld({ queueDelayMs: 0, schedd: 'done' });
  try {
    const file = join(world.root, 'big.log');
    writeLogFile(file, bytes);
    const script = join(world.root, 'script.sh');
    writeFileSync(script, 'true\n');
    const cat: Passage[] = [];
    const driver: Passage[] = [];
    for (let i = 0; i < REPS; i += 1) {
      cat.push(await timeCat(file));
      driver.push(await timeDriver(world, 10 + i, script, file));
    }

    return throughputFigure(statSync(file).size, cat, driver);
  } finally {
    await world.remove();
  }
}

function throughputFigure(size: number, cat: Passage[], driver: Passage[]) {
  const rate = (p: Passage) => size / 2 ** 20 / ((p.lastMs - p.firstMs) / 1000);
  const catRate = median(cat.map(rate));
  const driverRate = median(driver.map(rate));
  const figure: Figure = {
    name: `log throughput: ${(size / 2 ** 20).toFixed(0)} MiB of job output`,
    value: driverRate / catRate,
    unit: 'x cat',
    target: atLeast(0.5, '>= 0.5x cat'),
    baseline: 'cat of the same file',
    ratio: driverRate / catRate,
    raw: [
      `driver: ${mib(driverRate)} (runs ${driver.map(rate).map(mib).join(', ')})`,
      `cat: ${mib(catRate)} (runs ${cat.map(rate).map(mib).join(', ')})`,
    ],
  };

  return figure;
}

function mib(rate: number): string {
  return `${rate.toFixed(0)} MiB/s`;
}

/** Log-like text lines between a start and an end marker. */
function writeLogFile(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, START);
    const line = (i: number) =>
      `${String(i).padStart(9, '0')} INFO processing event batch, ` +
      'selected muons pass the trigger and isolation cuts\n';
    const lines: string[] = [];
    for (let i = 0, written = 0; written < bytes; i += 1) {
      lines.push(line(i));
      written += line(i).length;
      if (lines.length === 10_000) writeSync(fd, lines.splice(0).join(''));
    }
    writeSync(fd, `${lines.join('')}${END}`);
  } finally {
    closeSync(fd);
  }
}

function timeCat(file: string): Promise<Passage> {
  return new Promise((resolve, reject) => {
    const child = spawn('cat', [file], { stdio: ['ignore', 'pipe', 'ignore'] });
    const watch = watchMarkers();
    child.stdout.on('data', (chunk: Buffer) => watch.see(chunk, nowMs()));
    child.on('error', reject);
    child.on('close', () => resolve(watch.passage()));
  });
}

async function timeDriver(
  world: SimWorld,
  jobId: number,
  script: string,
  output: string,
): Promise<Passage> {
  const env = world.env(jobId, { BENCH_SCHEDD_OUTPUT: output });
  const config = ['--config', world.settingsFile];
  const watch = watchMarkers();
  await mustCall(['prepare', ...config], { env });
  await mustCall(['run', script, 'build_script', ...config], {
    env,
    keepStdout: false,
    onStdout: (chunk, atMs) => watch.see(chunk, atMs),
  });
  await mustCall(['cleanup', ...config], { env });

  return watch.passage();
}

/** Finds the markers in a stream that may split them across chunks. */
function watchMarkers() {
  let tail = '';
  let firstMs = NaN;
  let lastMs = NaN;

  return {
    see(chunk: Buffer, atMs: number) {
      const text = tail + chunk.toString('latin1');
      if (Number.isNaN(firstMs) && text.includes(START)) firstMs = atMs;
      if (Number.isNaN(lastMs) && text.includes(END)) lastMs = atMs;
      tail = text.slice(-END.length - START.length);
    },
    passage(): Passage {
      if (Number.isNaN(firstMs) || Number.isNaN(lastMs)) {
        throw new Error('the log never went through whole');
      }
      return { firstMs, lastMs };
    },
  };
}
