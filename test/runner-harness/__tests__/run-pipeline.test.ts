import { runPipeline } from '../pipeline/run-pipeline';
import { RunPipelineOptions } from '../pipeline/pipeline-types';
import {
  createWorkspace,
  fakeDriver,
  plainTrace,
  Workspace,
} from './harness-fixtures';

let ws: Workspace | undefined;
afterEach(() => ws?.remove());

function setup(ci: string[]): RunPipelineOptions {
  ws = createWorkspace({ '.gitlab-ci.yml': ci.join('\n') + '\n' });
  return {
    repoDir: ws.repo,
    driver: fakeDriver(),
    env: { FAKE_BUILDS_DIR: ws.builds },
    artifactsDir: ws.artifacts,
    preparationRetryDelayMs: 10,
  };
}

test('parallel shards hand their artifacts to a job that needs them', async () => {
  const options = setup([
    'stages: [analysis, merge]',
    'analysis:',
    '  stage: analysis',
    '  parallel: 3',
    '  script:',
    '    - mkdir -p histos',
    '    - echo "shard $CI_NODE_INDEX of $CI_NODE_TOTAL slot $CI_CONCURRENT_ID" > histos/shard-$CI_NODE_INDEX.txt',
    '  artifacts: { paths: [histos/] }',
    'merge:',
    '  stage: merge',
    '  needs: [analysis]',
    '  script: [cat histos/shard-1.txt histos/shard-2.txt histos/shard-3.txt]',
  ]);
  let runningNow = 0;
  let mostAtOnce = 0;
  const result = await runPipeline({
    ...options,
    concurrency: 3,
    onJobStart: () => (mostAtOnce = Math.max(mostAtOnce, ++runningNow)),
    onJobEnd: () => runningNow--,
  });

  expect(result.status).toBe('success');
  expect(result.jobs.map((j) => [j.name, j.status])).toEqual([
    ['analysis 1/3', 'success'],
    ['analysis 2/3', 'success'],
    ['analysis 3/3', 'success'],
    ['merge', 'success'],
  ]);
  expect(mostAtOnce).toBe(3);
  const merged = plainTrace(result.jobs[3]?.result?.trace ?? '');
  expect(merged).toMatch(/shard 1 of 3 slot \d\nshard 2 of 3 slot \d\nshard 3 of 3 slot \d/);
  expect(merged.match(/Downloading artifacts for analysis \d\/3/g)).toHaveLength(3);
  const slots = merged.match(/slot (\d)/g) ?? [];
  expect(new Set(slots).size).toBe(3);
});

test('concurrency 1 runs one job at a time; onTrace names the job', async () => {
  const options = setup([
    'variables: { GIT_STRATEGY: none }',
    'a: { parallel: 2, script: [echo "job $CI_JOB_NAME"] }',
  ]);
  let runningNow = 0;
  let mostAtOnce = 0;
  const chunks: string[] = [];
  const result = await runPipeline({
    ...options,
    onJobStart: () => (mostAtOnce = Math.max(mostAtOnce, ++runningNow)),
    onJobEnd: () => runningNow--,
    onTrace: (name, chunk) => chunks.push(`${name}|${chunk}`),
  });

  expect(result.status).toBe('success');
  expect(mostAtOnce).toBe(1);
  expect(chunks.some((c) => c.startsWith('a 1/2|') && c.includes('job a 1/2'))).toBe(true);
});

test('a failure skips later stages; allow_failure exit_codes lets them run', async () => {
  const options = setup([
    'stages: [test, deploy]',
    'variables: { GIT_STRATEGY: none }',
    'flaky: { stage: test, script: [exit 3], allow_failure: { exit_codes: 3 } }',
    'broken: { stage: test, script: [exit 4], allow_failure: { exit_codes: [3] } }',
    'deploy: { stage: deploy, script: [echo deploying] }',
  ]);
  const result = await runPipeline(options);

  expect(result.status).toBe('failed');
  expect(result.jobs.map((j) => [j.name, j.status, j.allowedToFail, j.exitCode])).toEqual([
    ['flaky', 'failed', true, 3],
    ['broken', 'failed', false, 4],
    ['deploy', 'skipped', false, undefined],
  ]);
});

test('a failure allowed by allow_failure: true keeps the pipeline green', async () => {
  const options = setup([
    'stages: [test, deploy]',
    'variables: { GIT_STRATEGY: none }',
    'flaky: { stage: test, script: [exit 1], allow_failure: true }',
    'deploy: { stage: deploy, script: [echo deploying] }',
  ]);
  const result = await runPipeline(options);

  expect(result.status).toBe('success');
  expect(result.jobs.map((j) => j.status)).toEqual(['failed', 'success']);
});

test('aborting the signal cancels the running job and the rest', async () => {
  const options = setup([
    'stages: [a, b]',
    'variables: { GIT_STRATEGY: none }',
    'slow: { stage: a, script: [echo begin, sleep 30] }',
    'after: { stage: b, script: [echo never] }',
  ]);
  const abort = new AbortController();
  const result = await runPipeline({
    ...options,
    signal: abort.signal,
    onTrace: (_name, chunk) => chunk.includes('begin\n') && abort.abort(),
  });

  expect(result.status).toBe('canceled');
  expect(result.jobs.map((j) => j.status)).toEqual(['canceled', 'canceled']);
});
