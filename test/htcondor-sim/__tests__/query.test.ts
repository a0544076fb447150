import { readInvocations, waitForEmptyQueue } from '../src/api';
import { type Sim, makeSim, submitFile } from './sim-fixture';

let sim: Sim;

beforeEach(() => {
  sim = makeSim({ HTCONDOR_SIM_QUEUE_DELAY_MS: '600000' });
  sim.file('job.sh', '#!/bin/sh\ntrue\n', true);
  sim.file('a.sub', `MY.GitLabStage = "build_script"\nbatch_name = b1\n${submitFile({ executable: 'job.sh' })}`);
  sim.file('b.sub', `MY.GitLabStage = "after_script"\n${submitFile({ executable: 'job.sh', arguments: 'x y' })}`);
  sim.run('condor_submit', ['-terse', 'a.sub']);
  sim.run('condor_submit', ['-terse', 'b.sub']);
});
afterEach(() => sim.cleanup());

test('-json prints an array of ads with sorted keys and Expr strings', () => {
  const r = sim.run('condor_q', ['-json', '1']);
  const ads = JSON.parse(r.stdout) as Record<string, unknown>[];

  expect(ads).toHaveLength(1);
  expect(ads[0]).toMatchObject({ ClusterId: 1, ProcId: 0, JobStatus: 1, GitLabStage: 'build_script', JobBatchName: 'b1' });
  expect(r.stdout).toMatch(/^\[\n\{\n {2}"[A-Za-z]/);
  expect(r.stdout).toContain('"MemoryUsage": "\\/Expr(((ResidentSetSize + 1023) / 1024))\\/"');
  const keys = Object.keys(ads[0] ?? {});
  expect(keys).toEqual([...keys].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
});

test('-json prints nothing when no ad matches; -af prints undefined for missing', () => {
  expect(sim.run('condor_q', ['-json', '-constraint', 'JobStatus == 2'])).toEqual({ status: 0, stdout: '', stderr: '' });
  expect(sim.run('condor_q', ['-af', 'ClusterId', 'GitLabStage', 'NoSuchAttr']).stdout).toBe('1 build_script undefined\n2 after_script undefined\n');
  expect(sim.run('condor_q', ['-af:j', 'Args']).stdout).toBe('1.0 undefined\n2.0 x y\n');
});

test('-constraint, -attributes and -limit narrow the answer', () => {
  const r = sim.run('condor_q', ['-constraint', 'GitLabStage == "after_script" && JobStatus =?= 1', '-json', '-attributes', 'ClusterId,GitLabStage']);
  expect(JSON.parse(r.stdout)).toEqual([{ ClusterId: 2, GitLabStage: 'after_script' }]);

  expect(sim.run('condor_q', ['-limit', '1', '-af', 'ClusterId']).stdout).toBe('1\n');
  expect(sim.run('condor_q', ['-const', 'bad ==']).status).toBe(1);
});

test('condor_history answers for jobs that left the queue, newest first', async () => {
  expect(sim.run('condor_history', ['-json']).stdout).toBe('');
  sim.run('condor_rm', ['1']);
  sim.run('condor_rm', ['2']);
  await waitForEmptyQueue(sim.home, 5000);

  expect(sim.run('condor_history', ['-af', 'ClusterId', 'JobStatus']).stdout).toBe('2 3\n1 3\n');
  expect(sim.run('condor_history', ['-limit', '1', '-forwards', '-af', 'ClusterId']).stdout).toBe('1\n');
  expect(JSON.parse(sim.run('condor_history', ['1.0', '-json']).stdout)[0]).toMatchObject({ ClusterId: 1, JobStatus: 3 });
});

test('every tool call is recorded in invocations.jsonl', () => {
  sim.run('condor_q', ['-name', 'sched1', '-af', 'ClusterId']);
  const calls = readInvocations(sim.home);

  expect(calls.map((c) => c.tool)).toEqual(['condor_submit', 'condor_submit', 'condor_q']);
  expect(calls[2]).toMatchObject({ argv: ['-name', 'sched1', '-af', 'ClusterId'], cwd: sim.dir });
  expect(typeof calls[0]?.time).toBe('number');
});
