import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isolationFallback, listHistory, listQueue, readInvocations } from '../htcondor-sim/src/api';
import { makeSimWorld, runSimJob, type SimWorld } from './sim-job';

let world: SimWorld;
afterEach(() => world?.remove());

function calls(tool: string): number {
  return readInvocations(world.simHome).filter((i) => i.tool === tool).length;
}

function runCall(result: { calls: { kind: string; stage?: string; exitCode: number }[] }, stage: string) {
  return result.calls.find((c) => c.kind === 'run' && c.stage === stage);
}

test.each([3, 2, 1, 255])('a script exiting %i: driver exits 1, the runner records the code', async (code) => {
  world = makeSimWorld();
  const result = await runSimJob(world, { script: [`echo before exit`, `exit ${code}`] });

  expect(runCall(result, 'build_script')?.exitCode).toBe(1);
  expect(result).toMatchObject({ status: 'failed', failureReason: 'script_failure', exitCode: code });
  expect(result.trace).toContain('before exit');
});

test('a normal job: one condor_submit, no condor_q, nothing left after cleanup', async () => {
  world = makeSimWorld();
  const result = await runSimJob(world, { script: ['echo all good'] });

  expect(result.status).toBe('success');
  expect(result.trace).toMatch(/Submitted as HTCondor job \d+\.0/);
  expect(result.trace).toMatch(/HTCondor job \d+\.0 is running on \S+/);
  expect(result.trace).toMatch(/HTCondor job \d+\.0 finished with exit code 0 after \d+s/);
  expect(calls('condor_submit')).toBe(1);
  expect(calls('condor_q')).toBe(0);
  expect(calls('condor_rm')).toBe(0);
  expect(listQueue(world.simHome)).toEqual([]);
  expect(listHistory(world.simHome).map((ad) => ad.JobStatus)).toEqual([4]);
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);
});

test('every tag the pool operator needs is on the job', async () => {
  world = makeSimWorld();
  await runSimJob(world, { script: ['true'], id: 5150, pipelineId: 99, projectPath: 'cms-analysis/cat/demo' });

  const [ad] = listHistory(world.simHome);
  expect(ad).toMatchObject({
    GitLabJobId: 5150,
    GitLabPipelineId: 99,
    GitLabProjectPath: 'cms-analysis/cat/demo',
    GitLabStage: 'build_script',
    JobBatchName: 'gitlab-5150-build_script',
  });
  expect(typeof ad?.GitLabRunner).toBe('string');
});

test('20,000 lines reach the CI log in order, and the first half while the job still runs', async () => {
  world = makeSimWorld();
  const arrivals: { at: number; text: string }[] = [];
  const script = [
    'for i in $(seq 1 10000); do echo "line $i"; done',
    'sleep 3',
    'for i in $(seq 10001 20000); do echo "line $i" >&2; done',
  ];
  const result = await runSimJob(world, { script }, {
    onTrace: (chunk) => arrivals.push({ at: Date.now(), text: chunk }),
  });

  expect(result.status).toBe('success');
  const lines = result.trace.split('\n').filter((l) => /^line \d+$/.test(l));
  expect(lines).toHaveLength(20000);
  expect(lines.every((l, i) => l === `line ${i + 1}`)).toBe(true);

  const firstHalfAt = arrivals.find((a) => a.text.includes('line 10000\n'))?.at ?? Infinity;
  const endAt = arrivals.find((a) => /finished with exit code 0/.test(a.text))?.at ?? 0;
  expect(endAt - firstHalfAt).toBeGreaterThan(2000);
});

test('transfer mode: the job works on its own copy; its changes come back when it ends', async () => {
  world = makeSimWorld('', { 'keep.txt': 'keep\n', 'drop.txt': 'drop\n' });
  let seenOnRunnerWhileRunning: boolean | undefined;
  let projectDir = '';
  const result = await runSimJob(
    world,
    {
      script: [
        'echo made > made.txt',
        'rm drop.txt',
        'mkdir -p out/sub && echo deep > out/sub/deep.txt',
        'echo "job wrote its files"',
        'sleep 2',
      ],
    },
    {
      onTrace: (chunk) => {
        const dir = /arguments = "'transfer' '([^']+)'/.exec(chunk)?.[1];
        if (dir) projectDir = dir;
        if (chunk.includes('job wrote its files') && seenOnRunnerWhileRunning === undefined) {
          seenOnRunnerWhileRunning = existsSync(join(projectDir, 'made.txt'));
        }
      },
    },
  );

  expect(result.status).toBe('success');
  const fallback = isolationFallback(world.simHome);
  if (fallback) console.warn(`jobs ran without a private /tmp, isolation not checked: ${fallback}`);
  else expect(seenOnRunnerWhileRunning).toBe(false);
  const dir = result.projectDir;
  expect(dir).toBe(projectDir);
  expect(existsSync(join(dir, 'made.txt'))).toBe(true);
  expect(existsSync(join(dir, 'drop.txt'))).toBe(false);
  expect(existsSync(join(dir, 'keep.txt'))).toBe(true);
  expect(existsSync(join(dir, 'out/sub/deep.txt'))).toBe(true);
});

test('status lines never split a line of the job output', async () => {
  world = makeSimWorld();
  const result = await runSimJob(world, { script: ['printf "no newline at the end"'] });

  expect(result.status).toBe('success');
  expect(result.trace).toMatch(/no newline at the end\n.*HTCondor job \d+\.0 finished/);
});

test('a job that waits in the queue is reported while it waits, then summarised', async () => {
  world = makeSimWorld('[logging]\nqueue_report_interval = "1s"');
  const result = await runSimJob(world, { script: ['echo done'] }, {
    env: { HTCONDOR_SIM_QUEUE_DELAY_MS: '3500' },
  });

  expect(result.status).toBe('success');
  expect(result.trace).toMatch(/HTCondor job \d+\.0: waiting in the queue, \ds since submission/);
  expect(result.trace).toMatch(
    /HTCondor job \d+\.0: exit code 0, queued \ds, ran \ds, .*on \S+, [\d.]+ KiB sent, [\d.]+ KiB back/,
  );
});

test('shared mode: nothing is packed, the job works in place on the shared builds dir', async () => {
  const shared = `/var/tmp/shared-builds-${process.pid}`;
  world = makeSimWorld(`[workspace]\nmode = "shared"\nbuilds_dir = "${shared}"`);
  try {
    const result = await runSimJob(world, { script: ['echo in place > shared.txt', 'pwd'] });

    expect(result.status).toBe('success');
    expect(result.projectDir.startsWith(shared)).toBe(true);
    expect(existsSync(join(result.projectDir, 'shared.txt'))).toBe(true);
    expect(result.trace).toMatch(/transfer_input_files = script\x1b\[0;m\n/);
    expect(result.trace).toMatch(/0\.0 KiB sent, 0\.0 KiB back/);
  } finally {
    const { rmSync } = await import('node:fs');
    rmSync(shared, { recursive: true, force: true });
  }
});
