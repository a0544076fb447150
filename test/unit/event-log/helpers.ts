import * as fs from 'fs';
import * as path from 'path';

import {
  EventLogReader,
  type CondorEvent,
  type JobSummary,
} from '../../../executor/condor/event-log';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Defines tests on the real logs in ../shared/samples/htcondor, or, where
 * that folder is absent, says so and registers one visibly skipped test.
 */
export function describeWithSamples(
  title: string,
  define: (dir: string) => void,
): void {
  const dir = path.resolve(REPO_ROOT, '..', 'shared', 'samples', 'htcondor');
  if (fs.existsSync(dir)) {
    describe(title, () => define(dir));
    return;
  }
  console.warn(`shared samples absent: ${dir} not found, skipping "${title}"`);
  test.skip(`${title} (shared samples absent)`, () => {});
}

/** Reads one file of the shared samples. */
export function readSample(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

export const FIXTURES = path.join(__dirname, 'fixtures');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Indexes events, failing the test at once when one is missing. */
export function eventPicker(
  events: readonly CondorEvent[],
): (index: number) => CondorEvent {
  return (index) => {
    const e = events[index];
    if (e === undefined) throw new Error(`no event at index ${index}`);
    return e;
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so failures repeat. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Feeds text to a fresh reader in pieces of random size (mostly small, so
 * that lines, `\r\n` pairs and `...` lines get split) and collects the result.
 */
export function readInRandomChunks(
  text: string,
  seed: number,
  referenceTime: number,
): { events: CondorEvent[]; partial: string | null; errors: unknown[] } {
  const random = seededRandom(seed);
  const reader = new EventLogReader({ referenceTime });
  const events: CondorEvent[] = [];
  for (let at = 0; at < text.length; ) {
    const small = random() < 0.7;
    const size = Math.floor(random() * (small ? 8 : 600)) + (small ? 1 : 0);
    events.push(...reader.push(text.slice(at, at + size)));
    at += size;
  }
  const { partial } = reader.end();
  return { events, partial, errors: reader.errors };
}

/** A job's outcome written the way the expectation tables spell it. */
export function describeOutcome(job: JobSummary): string {
  const o = job.outcome;
  if (o === undefined) return 'none';
  if (o.kind === 'exited') return `exit ${o.code}`;
  if (o.kind === 'signalled') return `signal ${o.signal}`;
  return 'removed';
}
