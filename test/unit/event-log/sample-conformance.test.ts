import * as fs from 'fs';

import {
  parseEventLog,
  summarizeJobs,
} from '../../../executor/condor/event-log';
import {
  describeOutcome,
  describeWithSamples,
  readInRandomChunks,
  readSample,
} from './helpers';
import { SAMPLE_EXPECTATIONS } from './sample-expectations';

/** Fixed so that legacy MM/DD dates resolve the same on every run. */
const REFERENCE_TIME = Date.UTC(2026, 0, 15);

describeWithSamples('real HTCondor logs conform', (dir) => {
  const logs = fs.readdirSync(dir).filter((n) => n.endsWith('.log')).sort();

  test('each sample log has an expectation, each expectation a log', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toEqual(Object.keys(SAMPLE_EXPECTATIONS).sort());
  });

  describe.each(logs)('%s', (name) => {
    const text = readSample(dir, name);
    const parsed = parseEventLog(text, { referenceTime: REFERENCE_TIME });
    const expected = SAMPLE_EXPECTATIONS[name];

    test('has the expected events, clusters and no errors', () => {
      expect(expected).toBeDefined();
      expect(parsed.errors).toEqual([]);
      expect(parsed.partial).toBeNull();
      expect(parsed.events).toHaveLength(expected?.events ?? -1);
      const clusters = new Set(parsed.events.map((e) => e.id.cluster));
      expect([...clusters].sort((a, b) => a - b)).toEqual(expected?.clusters);
    });

    test('ends each job with the expected outcome', () => {
      const jobs = summarizeJobs(parsed.events);
      const outcomes: Record<string, string> = {};
      for (const [key, job] of jobs) outcomes[key] = describeOutcome(job);
      expect(outcomes).toEqual(expected?.outcomes);
    });

    test('counts holds and evictions', () => {
      const jobs = [...summarizeJobs(parsed.events).values()];
      const sum = (f: (j: (typeof jobs)[number]) => number) =>
        jobs.reduce((n, j) => n + f(j), 0);
      expect(sum((j) => j.holds)).toBe(expected?.held);
      expect(sum((j) => j.evictions)).toBe(expected?.evicted);
    });

    test.each([1, 2, 3])('reads the same in chunks (seed %i)', (seed) => {
      const chunked = readInRandomChunks(text, seed, REFERENCE_TIME);
      expect(chunked.events).toEqual(parsed.events);
      expect(chunked.partial).toBe(parsed.partial);
      expect(chunked.errors).toEqual(parsed.errors);
    });
  });
});
