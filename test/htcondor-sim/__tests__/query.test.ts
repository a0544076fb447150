import { readInvocations, waitForEmptyQueue } from '../src/api';
import { type Sim, makeSim, submitFile } from './sim-fixture';

let sim: Sim;

beforeEach(() => {
  sim = makeSim({ HTCONDOR_SIM_QUEUE_DELAY_MS: '600000' });
  sim.file('job.sh', '#!/bin/sh\ntrue\n', true);
  const a = submitFile({ executable: 'job.sh', batch_name: 'b1' });
  const b = submitFile({ executable: 'job.sh', arguments: 'x y' });
  sim.file('a.sub', `MY.GitLabStage = "build_script"\n${a}`);
  sim.file('b.sub', `MY.GitLabStage = "after_script"\n${b}`);
  sim.run('condor_submit', ['-terse', 'a.sub']);
  sim.run('condor_submit', ['-terse', 'b.sub']);
});
afterEach(() => sim.cleanup());

const q = (...args: string[]) => sim.run('condor_q', args).stdout;
const history = (...args: string[]) => sim.run('condor_history', args).stdout;

test('-json prints an array of ads with sorted keys and Expr strings', () => {
  const out = q('-json', '1');
  const ads = JSON.parse(out) as Record<string, unknown>[];

  expect(ads).toHaveLength(1);
  expect(ads[0]).toMatchObject({
    ClusterId: 1,
    ProcId: 0,
    JobStatus: 1,
    GitLabStage: 'build_script',
    JobBatchName: 'b1',
  });
  expect(out).toMatch(/^\[\n\{\n {2}"[A-Za-z]/);
  expect(out).toContain(
    '"MemoryUsage": "\\/Expr(((ResidentSetSize + 1023) / 1024))\\/"',
  );
  const keys = Object.keys(ads[0] ?? {});
  const lower = (s: string) => s.toLowerCase();
  const sorted = [...keys].sort((x, y) => lower(x).localeCompare(lower(y)));
  expect(keys).toEqual(sorted);
});

test('-json prints nothing when no ad matches; -af undefined for missing', () => {
  const none = sim.run('condor_q', ['-json', '-constraint', 'JobStatus == 2']);

  expect(none).toEqual({ status: 0, stdout: '', stderr: '' });
  expect(q('-af', 'ClusterId', 'GitLabStage', 'NoSuchAttr')).toBe(
    '1 build_script undefined\n2 after_script undefined\n',
  );
  expect(q('-af:j', 'Args')).toBe('1.0 undefined\n2.0 x y\n');
});

test('-constraint, -attributes and -limit narrow the answer', () => {
  const constraint = 'GitLabStage == "after_script" && JobStatus =?= 1';
  const attrs = ['-attributes', 'ClusterId,GitLabStage'];
  const out = q('-constraint', constraint, '-json', ...attrs);

  expect(JSON.parse(out)).toEqual([
    { ClusterId: 2, GitLabStage: 'after_script' },
  ]);
  expect(q('-limit', '1', '-af', 'ClusterId')).toBe('1\n');
  expect(sim.run('condor_q', ['-const', 'bad ==']).status).toBe(1);
});

test('condor_history answers for jobs that left the queue, newest first', async () => {
  expect(history('-json')).toBe('');
  sim.run('condor_rm', ['1']);
  sim.run('condor_rm', ['2']);
  await waitForEmptyQueue(sim.home, 5000);

  expect(history('-af', 'ClusterId', 'JobStatus')).toBe('2 3\n1 3\n');
  expect(history('-limit', '1', '-forwards', '-af', 'ClusterId')).toBe('1\n');
  expect(JSON.parse(history('1.0', '-json'))[0]).toMatchObject({
    ClusterId: 1,
    JobStatus: 3,
  });
});

test('every tool call is recorded in invocations.jsonl', () => {
  q('-name', 'sched1', '-af', 'ClusterId');
  const calls = readInvocations(sim.home);

  expect(calls.map((c) => c.tool)).toEqual([
    'condor_submit',
    'condor_submit',
    'condor_q',
  ]);
  expect(calls[2]).toMatchObject({
    argv: ['-name', 'sched1', '-af', 'ClusterId'],
    cwd: sim.dir,
  });
  expect(typeof calls[0]?.time).toBe('number');
});
