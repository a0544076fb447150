import { listQueue, readInvocations, writeFaults } from '../htcondor-sim/src/api';
import { makeSimWorld, runSimJob, type SimWorld } from './sim-job';

let world: SimWorld;
afterEach(() => world?.remove());

function count(tool: string): number {
  return readInvocations(world.simHome).filter((i) => i.tool === tool).length;
}

function prepared(settings: string): SimWorld {
  world = makeSimWorld(settings);
  return world;
}

test('a schedd that is down twice: two retries logged, then the job runs', async () => {
  prepared('');
  writeFaults(world.simHome, { submit_error: { times: 2 } });
  const result = await runSimJob(world, { script: ['echo ran after retries'] });

  expect(result.status).toBe('success');
  expect(result.trace.match(/condor_submit attempt \d failed \(.*\); retrying in \d+s/g)).toHaveLength(2);
  expect(count('condor_submit')).toBe(3);
});

test('a schedd that stays down: system failure quoting HTCondor, nothing queued', async () => {
  prepared('[htcondor]\nsubmit_attempts = 2');
  writeFaults(world.simHome, { submit_error: true });
  const result = await runSimJob(world, { script: ['echo never'] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(result.trace).toMatch(/condor_submit failed: .*(Can't find address|Failed to connect)/);
  expect(count('condor_submit')).toBe(2);
  expect(listQueue(world.simHome)).toEqual([]);
});

test('a description condor_submit refuses: no retry, its message and line, nothing queued', async () => {
  prepared('[htcondor.extra_submit_commands]\n"MY.Broken" = "(1 +"');
  const result = await runSimJob(world, { script: ['echo never'] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(result.trace).toMatch(/condor_submit failed: ERROR: Parse error in expression: \| Broken = \(1 \+/);
  expect(count('condor_submit')).toBe(1);
  expect(listQueue(world.simHome)).toEqual([]);
});

test('held for memory: removed, build failure 137, the log names the limit and the variable', async () => {
  prepared('');
  writeFaults(world.simHome, {
    hold: { code: 34, subcode: 0, reason: 'Job has gone over memory limit of 2048 megabytes.', after_ms: 300 },
  });
  const result = await runSimJob(world, { script: ['echo working', 'sleep 20'] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'script_failure', exitCode: 137 });
  expect(result.trace).toMatch(/more than the 2048 MiB of memory .*HTCONDOR_MEMORY.*16GiB/);
  expect(count('condor_rm')).toBe(1);
  expect(listQueue(world.simHome)).toEqual([]);
});

test('held for an input transfer problem: released once, then it runs', async () => {
  prepared('[htcondor]\nhold_releases = 1');
  writeFaults(world.simHome, { hold: { code: 13, subcode: 2, reason: 'Transfer input files failure', after_ms: 200 } });
  const result = await runSimJob(world, { script: ['echo attempt', 'sleep 1'] });

  expect(result.status).toBe('success');
  expect(result.trace).toMatch(/is held: Transfer input files failure \(HoldReasonCode 13, subcode 2\)/);
  expect(result.trace).toMatch(/releasing HTCondor job \d+\.0 \(1 of 1\)/);
  expect(count('condor_release')).toBe(1);
});

test('held for an infrastructure problem with no releases allowed: system failure, removed', async () => {
  prepared('[htcondor]\nhold_releases = 0');
  writeFaults(world.simHome, { hold: { code: 35, reason: 'Error from docker: image not found', after_ms: 200 } });
  const result = await runSimJob(world, { script: ['sleep 20'] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(result.trace).toMatch(/held by the pool: Error from docker: image not found/);
  expect(listQueue(world.simHome)).toEqual([]);
});

test('a hold nobody explains: bounded wait, then system failure', async () => {
  prepared('[htcondor]\nunknown_hold_wait = "3s"');
  writeFaults(world.simHome, { hold: { code: 3, subcode: 7, reason: 'periodic hold by site policy', after_ms: 200 } });
  const started = Date.now();
  const result = await runSimJob(world, { script: ['sleep 30'] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(result.trace).toMatch(/waiting up to 3s for HTCondor job \d+\.0 to be released/);
  expect(result.trace).toMatch(/stayed held longer than htcondor\.unknown_hold_wait \(3s\)/);
  expect(Date.now() - started).toBeLessThan(25_000);
  expect(listQueue(world.simHome)).toEqual([]);
});

test('an eviction: the log says restarted, the final output is the last attempt, complete', async () => {
  prepared('');
  writeFaults(world.simHome, { evict_once: { after_ms: 1200 } });
  const result = await runSimJob(world, {
    script: ['for i in 1 2 3 4 5 6; do echo "tick $i"; sleep 0.4; done'],
  });

  expect(result.status).toBe('success');
  expect(result.trace).toMatch(/was evicted/);
  const afterRestart = result.trace.split(/restarted: its output starts again below.*\n/)[1] ?? '';
  expect(afterRestart.match(/^tick \d$/gm)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5', 'tick 6']);
});

test('a job that vanishes: one condor_q, one condor_history, then system failure', async () => {
  prepared('[htcondor]\nreconcile_after = "3s"');
  writeFaults(world.simHome, { lose_job: { after_ms: 200 } });
  const result = await runSimJob(world, { script: ['sleep 30'] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(result.trace).toMatch(/vanished: no event for \d+s, and neither the queue nor the history knows it/);
  expect(count('condor_q')).toBe(1);
  expect(count('condor_history')).toBe(1);
});

test('output transfer fails: system failure, the workspace exactly as before the stage', async () => {
  prepared('[htcondor]\nhold_releases = 0');
  writeFaults(world.simHome, { output_transfer_error: true });
  const result = await runSimJob(world, { script: ['echo changed > README.md', 'echo new > new.txt'] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(result.trace).toMatch(/HoldReasonCode 12/);
  const { readFileSync, existsSync } = await import('node:fs');
  expect(readFileSync(`${result.projectDir}/README.md`, 'utf8')).toBe('demo\n');
  expect(existsSync(`${result.projectDir}/new.txt`)).toBe(false);
});

test('two CI jobs of one project at once share no dir and do not mix output', async () => {
  prepared('');
  const [a, b] = await Promise.all([
    runSimJob(world, { id: 9001, script: ['echo from-a > who.txt', 'sleep 1', 'cat who.txt'] }, { concurrentId: 0, concurrentProjectId: 0 }),
    runSimJob(world, { id: 9002, script: ['echo from-b > who.txt', 'sleep 1', 'cat who.txt'] }, { concurrentId: 1, concurrentProjectId: 1 }),
  ]);

  expect([a.status, b.status]).toEqual(['success', 'success']);
  expect(a.projectDir).not.toBe(b.projectDir);
  expect(a.trace).toMatch(/^from-a$/m);
  expect(a.trace).not.toMatch(/from-b/);
  expect(b.trace).toMatch(/^from-b$/m);
  expect(b.trace).not.toMatch(/from-a/);
});
