import { listQueue } from '../src/api';
import { type Sim, makeSim } from './sim-fixture';

/** condor_submit refuses what HTCondor refuses, in HTCondor's words. */
let sim: Sim;

beforeEach(() => {
  sim = makeSim({ HTCONDOR_SIM_QUEUE_DELAY_MS: '600000' });
  sim.file('job.sh', '#!/bin/sh\necho hi\n', true);
});
afterEach(() => sim.cleanup());

const submit = (file: string) => sim.run('condor_submit', ['-terse', file]);

const EXE = 'executable = job.sh\n';

test.each([
  [
    'no queue statement',
    EXE,
    /ERROR: "bad.sub" doesn't contain any "queue" commands -- no jobs queued/,
  ],
  [
    'no executable',
    'output = x\nqueue\n',
    /ERROR: No 'executable' parameter was provided/,
  ],
  [
    'missing executable file',
    'executable = nope.sh\nqueue\n',
    /ERROR: Executable file \/.*\/nope\.sh does not exist/,
  ],
  [
    'unknown universe',
    `universe = banana\n${EXE}queue\n`,
    /ERROR: I don't know about the 'banana' universe\./,
  ],
  [
    'bad MY. expression',
    `${EXE}MY.Foo = (1 +\nqueue\n`,
    /ERROR: Parse error in expression: \n\tFoo = \(1 \+/,
  ],
  [
    'bad requirements',
    `${EXE}requirements = a ==\nqueue\n`,
    /ERROR: Parse error in expression:/,
  ],
  [
    'missing input file',
    `${EXE}transfer_input_files = a.txt\nqueue\n`,
    /ERROR: Can't open ".*\/a\.txt" {2}with flags 00 \(No such file or directory\)/,
  ],
  [
    'missing proxy',
    `${EXE}x509userproxy = /nonexistent/proxy\nqueue\n`,
    /ERROR: Failed to read proxy file \/nonexistent\/proxy/,
  ],
  [
    'container without image',
    `universe = container\n${EXE}queue\n`,
    /container_image/,
  ],
])('refuses %s with exit 1', (_name, text, message) => {
  sim.file('bad.sub', text);
  const r = submit('bad.sub');

  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(listQueue(sim.home)).toHaveLength(0);
});

test('unknown commands warn like condor_submit and are ignored', () => {
  const lines = [EXE, 'requst_memory = 2G', 'mylog = x.log', 'log = $(mylog)'];
  sim.file('typo.sub', `${lines.join('\n')}\nqueue\n`);
  const r = submit('typo.sub');

  expect(r).toMatchObject({ status: 0, stdout: '1.0 - 1.0\n' });
  expect(r.stderr).toBe(
    "WARNING: the line 'requst_memory = 2G' was unused by condor_submit. " +
      'Is it a typo?\n',
  );
  expect(listQueue(sim.home)[0]?.UserLog).toBe(`${sim.dir}/x.log`);
});
