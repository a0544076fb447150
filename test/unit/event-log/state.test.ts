import {
  nextState,
  summarizeJobs,
  type CondorEvent,
  type JobState,
} from '../../../executor/condor/event-log';

let clock = 0;

/** A minimal event of job 10.0 (or another id) with the given code. */
function event(code: number, extra: Partial<CondorEvent> = {}): CondorEvent {
  clock += 1000;
  return {
    code,
    kind: 'test',
    id: { cluster: 10, proc: 0, subproc: 0 },
    time: { text: '', epochMs: clock, utc: true, legacy: false },
    message: '',
    body: [],
    ...extra,
  };
}

const LIVE: JobState[] = [
  'unsubmitted',
  'idle',
  'running',
  'held',
  'suspended',
];

/** [event code, state it leads to from any live state]. */
const TRANSITIONS: [number, JobState][] = [
  [0, 'idle'],
  [1, 'running'],
  [4, 'idle'],
  [7, 'idle'],
  [24, 'idle'],
  [12, 'held'],
  [13, 'idle'],
  [10, 'suspended'],
  [11, 'running'],
  [5, 'completed'],
  [9, 'removed'],
];

/** Codes that only inform: the state stays what it was. */
const INFORMATIONAL = [
  2, 3, 6, 8, 14, 15, 16, 21, 22, 23, 28, 33, 35, 36, 40, 77, 104,
];

describe.each(LIVE)('from %s', (from) => {
  test.each(TRANSITIONS)('event %i leads to %s', (code, to) => {
    expect(nextState(from, event(code))).toBe(to);
  });

  test.each(INFORMATIONAL)('event %i leaves the state alone', (code) => {
    expect(nextState(from, event(code))).toBe(from);
  });
});

describe.each(['completed', 'removed'] as JobState[])('from %s', (from) => {
  test.each([...TRANSITIONS.map(([c]) => c), ...INFORMATIONAL])(
    'event %i changes nothing',
    (code) => {
      expect(nextState(from, event(code))).toBe(from);
    },
  );
});

const exit = (value: number) =>
  event(5, { terminatedNormally: true, returnValue: value });
const kill = (signal: number) =>
  event(5, { terminatedNormally: false, signal });
const postScript = (value: number) =>
  event(16, { terminatedNormally: true, returnValue: value });
const remove = (reason: string) => event(9, { reason });

/** [story, events (codes or built events), final state, outcome]. */
const STORIES: [string, (number | CondorEvent)[], JobState, unknown][] = [
  ['a clean run', [0, 1, exit(0)], 'completed', { kind: 'exited', code: 0 }],
  ['a crash', [0, 1, kill(11)], 'completed', { kind: 'signalled', signal: 11 }],
  ['eviction then hold', [0, 1, 4, 12], 'held', undefined],
  ['shadow exception then hold', [0, 1, 7, 12], 'held', undefined],
  ['hold, release, run', [0, 12, 13, 1], 'running', undefined],
  ['suspended and resumed', [0, 1, 10, 11], 'running', undefined],
  ['disconnect and reconnect', [0, 1, 22, 23], 'running', undefined],
  ['reconnect failure', [0, 1, 22, 24], 'idle', undefined],
  [
    'removal while held',
    [0, 12, remove('via condor_rm')],
    'removed',
    { kind: 'removed', reason: 'via condor_rm' },
  ],
  [
    'POST script after exit',
    [0, 1, exit(0), postScript(2)],
    'completed',
    { kind: 'exited', code: 0 },
  ],
  ['a log that starts mid-run', [6, 1], 'running', undefined],
];

test.each(STORIES)('%s', (_, steps, state, outcome) => {
  const events = steps.map((s) => (typeof s === 'number' ? event(s) : s));
  const job = summarizeJobs(events).get('10.0');
  expect(job?.state).toBe(state);
  expect(job?.outcome).toEqual(outcome);
});

test('counts holds and evictions, and remembers the last host', () => {
  const jobs = summarizeJobs([
    event(0),
    event(1, { host: '<a>' }),
    event(4),
    event(12),
    event(13),
    event(1, { host: '<b>' }),
    event(4),
    event(6),
  ]);
  expect(jobs.get('10.0')).toMatchObject({
    holds: 1,
    evictions: 2,
    lastHost: '<b>',
  });
});

test('keys jobs by cluster and proc, ignoring the subproc', () => {
  const id = (cluster: number, proc: number, subproc: number) => ({
    id: { cluster, proc, subproc },
  });
  const jobs = summarizeJobs([
    event(0, id(7, 0, 0)),
    event(0, id(7, 1, 0)),
    event(1, id(7, 1, 3)),
    event(0, id(-1, -1, -1)),
  ]);
  expect([...jobs.keys()]).toEqual(['7.0', '7.1', '-1.-1']);
  expect(jobs.get('7.1')?.state).toBe('running');
});
