import { parseCiFile } from '../pipeline/ci-file';
import { planPipeline } from '../pipeline/plan';
import { parseDuration } from '../pipeline/duration';

const yaml = (lines: string[]): string => lines.join('\n') + '\n';

test('jobs get default before_script, merged variables and parsed keys', () => {
  const ci = parseCiFile(yaml([
    'stages: [analysis, merge]',
    'variables: { DATASET: dimuon, EVENTS: 100 }',
    'default:',
    '  before_script: [echo setup]',
    '  timeout: 20 minutes',
    'analysis:',
    '  stage: analysis',
    '  parallel: 3',
    '  variables: { EVENTS: 500, RAW: { value: "$X", expand: false } }',
    '  script: [python3 select.py]',
    '  artifacts: { paths: [histos/], when: always, expire_in: 1 week }',
    '  allow_failure: { exit_codes: [3, 4] }',
    'merge:',
    '  stage: merge',
    '  needs: [analysis]',
    '  script: python3 merge.py',
    '  timeout: 1h 30m',
  ]));

  const [analysis, merge] = ci.jobs;
  expect(ci.stages).toEqual(['.pre', 'analysis', 'merge', '.post']);
  expect(analysis).toMatchObject({
    script: ['echo setup', 'python3 select.py'],
    parallel: 3,
    timeoutS: 1200,
    artifacts: { paths: ['histos/'], when: 'always', expireIn: '1 week' },
    allowFailure: { exitCodes: [3, 4] },
  });
  expect(analysis?.variables).toEqual([
    { key: 'DATASET', value: 'dimuon', public: true },
    { key: 'EVENTS', value: '500', public: true },
    { key: 'RAW', value: '$X', public: true, raw: true },
  ]);
  expect(merge).toMatchObject({
    needs: [{ job: 'analysis', artifacts: true }],
    script: ['echo setup', 'python3 merge.py'],
    timeoutS: 5400,
  });
});

test('cache entries come from the job or from default', () => {
  const ci = parseCiFile(yaml([
    'default:',
    '  cache: { key: shared, paths: [vendor/] }',
    'a: { script: [x] }',
    'b:',
    '  script: [x]',
    '  cache:',
    '    - { paths: [build/], policy: push, when: always }',
  ]));

  expect(ci.jobs[0]?.cache).toEqual([{ key: 'shared', paths: ['vendor/'] }]);
  expect(ci.jobs[1]?.cache).toEqual([
    { paths: ['build/'], policy: 'push', when: 'always' },
  ]);
  expect(() =>
    parseCiFile(yaml(['a: { script: [x], cache: { key: { files: [a] } } }'])),
  ).toThrow(/a.cache.key: must be a string/);
});

test('every unsupported or invalid key is reported at once', () => {
  const text = yaml([
    'include: other.yml',
    'stages: [build]',
    'build:',
    '  stage: build',
    '  tags: [cvmfs]',
    '  rules: [{ when: always }]',
    '  parallel: { matrix: [{ A: [1, 2] }] }',
    '  script: [make]',
    '  artifacts: { paths: [out/], reports: { junit: r.xml } }',
    'test:',
    '  stage: test',
    '  script: []',
  ]);

  let message = '';
  try {
    parseCiFile(text);
  } catch (err) {
    message = (err as Error).message;
  }

  expect(message).toMatch(/include: this global keyword is not supported/);
  expect(message).toMatch(/build: key "tags" is not supported/);
  expect(message).toMatch(/build: key "rules" is not supported/);
  expect(message).toMatch(/build.parallel: must be a whole number/);
  expect(message).toMatch(/build.artifacts: key "reports" is not supported/);
  expect(message).toMatch(/test.stage: "test" is not one of the stages/);
  expect(message).toMatch(/test: a job needs a non-empty script/);
});

test('parallel jobs expand to "name i/N" and needs wait for every instance', () => {
  const ci = parseCiFile(yaml([
    'stages: [a, b, c]',
    'shard: { stage: a, parallel: 2, script: [x] }',
    'lint: { stage: a, script: [x] }',
    'merge: { stage: b, needs: [shard], script: [x] }',
    'report: { stage: c, dependencies: [], script: [x] }',
  ]));
  const plan = planPipeline(ci, 10);

  expect(plan.map((j) => [j.name, j.id])).toEqual([
    ['shard 1/2', 10],
    ['shard 2/2', 11],
    ['lint', 12],
    ['merge', 13],
    ['report', 14],
  ]);
  expect(plan[1]?.parallel).toEqual({ index: 2, total: 2 });
  expect(plan[3]?.prerequisites).toEqual(['shard 1/2', 'shard 2/2']);
  expect(plan[3]?.artifactSources).toEqual(['shard 1/2', 'shard 2/2']);
  expect(plan[4]?.prerequisites).toEqual([
    'shard 1/2',
    'shard 2/2',
    'lint',
    'merge',
  ]);
  expect(plan[4]?.artifactSources).toEqual([]);
});

test('needs on an unknown job is an error', () => {
  const ci = parseCiFile(yaml(['a: { script: [x], needs: [nope] }']));

  expect(() => planPipeline(ci, 1)).toThrow(/refers to unknown job "nope"/);
});

test.each([
  [3600, 3600],
  ['90', 90],
  ['1h 30m', 5400],
  ['2 hours and 10 minutes', 7800],
  ['45 seconds', 45],
  ['soon', undefined],
])('parseDuration(%j) is %j', (input, expected) => {
  expect(parseDuration(input)).toBe(expected);
});
