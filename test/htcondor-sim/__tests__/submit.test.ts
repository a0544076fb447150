import { spawn, spawnSync } from 'node:child_process';
import { listQueue } from '../src/api';
import { type Sim, makeSim } from './sim-fixture';

/** Jobs stay idle here: these tests look at condor_submit and the ads. */
let sim: Sim;

beforeEach(() => {
  sim = makeSim({ HTCONDOR_SIM_QUEUE_DELAY_MS: '600000' });
  sim.file('job.sh', '#!/bin/sh\necho hi\n', true);
});
afterEach(() => sim.cleanup());

const submit = (file: string, ...args: string[]) =>
  sim.run('condor_submit', [...args, file]);

function adOf(cluster: number) {
  const ad = listQueue(sim.home).find((a) => a.ClusterId === cluster);
  if (!ad) throw new Error(`job ${cluster}.0 not queued`);

  return ad;
}

test('-terse prints exactly the C.0 - C.N line and ids grow', () => {
  sim.file('two.sub', 'executable = job.sh\nqueue 2\n');

  expect(submit('two.sub', '-terse')).toMatchObject({
    status: 0,
    stdout: '1.0 - 1.1\n',
  });
  expect(submit('two.sub', '-terse').stdout).toBe('2.0 - 2.1\n');
});

test('without -terse prints the classic lines; -name, -pool accepted', () => {
  sim.file('one.sub', 'executable = job.sh\nqueue\n');
  const r = submit('one.sub', '-name', 'schedd1', '-pool', 'cm.example.org');

  expect(r.status).toBe(0);
  expect(r.stdout).toBe(
    'Submitting job(s).\n1 job(s) submitted to cluster 1.\n',
  );
});

test('concurrent submits never share a cluster id', async () => {
  sim.file('one.sub', 'executable = job.sh\nqueue\n');
  const once = () =>
    new Promise<string>((resolve) => {
      const child = spawn('condor_submit', ['-terse', 'one.sub'], {
        cwd: sim.dir,
        env: sim.env,
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', () => resolve(out.trim()));
    });
  const lines = await Promise.all(Array.from({ length: 6 }, once));

  expect(new Set(lines.map((line) => line.split('.')[0])).size).toBe(6);
});

const EXE = 'executable = job.sh\n';

const IMAGE =
  '/cvmfs/unpacked.cern.ch/registry.hub.docker.com/cmssw/el9:x86_64';

const FULL = [
  'universe = container',
  `container_image = ${IMAGE}`,
  'executable = job.sh',
  `arguments = "'a b' c ""q"" 'it''s'"`,
  'environment = "A=1 B=\'x y\' COST=$(DOLLAR)5"',
  'initialdir = .',
  'log = job.$(ClusterId).log',
  'output = out.$(Cluster).$(Process).txt',
  'error = out.$(Cluster).$(Process).txt',
  'stream_output = true',
  'should_transfer_files = YES',
  'when_to_transfer_output = ON_EXIT',
  'transfer_input_files = in.txt',
  'transfer_output_files = result',
  'request_cpus = 2',
  'request_memory = 2G',
  'request_disk = 1GB',
  'request_gpus = 1',
  'request_bandwidth = 10',
  'batch_name = gitlab-42-build',
  'accounting_group = group_cms',
  'accounting_group_user = alice',
  'allowed_execute_duration = 3600',
  'periodic_remove = JobStatus == 5',
  'MY.GitLabJobId = 42',
  'MY.GitLabStage = "build_script"',
  '+Flag = true',
  '+Flavour = workday',
  'MY.Empty =',
  'queue',
];

test('builds the job ad with real attribute names', () => {
  sim.file('in.txt', 'data');
  sim.file('full.sub', FULL.join('\n'));
  expect(submit('full.sub', '-terse')).toMatchObject({
    status: 0,
    stdout: '1.0 - 1.0\n',
  });
  const out = `${sim.dir}/out.1.0.txt`;

  expect(adOf(1)).toMatchObject({
    ClusterId: 1,
    ProcId: 0,
    JobStatus: 1,
    JobUniverse: 5,
    WantContainer: true,
    ContainerImage: IMAGE,
    Cmd: `${sim.dir}/job.sh`,
    Iwd: sim.dir,
    Arguments: `'a b' c "q" 'it''s'`,
    Environment: "A=1 B='x y' COST=$5",
    UserLog: `${sim.dir}/job.1.log`,
    Out: out,
    Err: out,
    StreamOut: true,
    StreamErr: false,
    ShouldTransferFiles: 'YES',
    WhenToTransferOutput: 'ON_EXIT',
    TransferInput: 'in.txt',
    TransferOutput: 'result',
    RequestCpus: 2,
    RequestMemory: 2048,
    RequestDisk: 1048576,
    RequestGPUs: 1,
    Requestbandwidth: 10,
    JobBatchName: 'gitlab-42-build',
    AcctGroup: 'group_cms',
    AcctGroupUser: 'alice',
    AccountingGroup: 'group_cms.alice',
    AllowedExecuteDuration: 3600,
    PeriodicRemove: { $expr: 'JobStatus == 5' },
    GitLabJobId: 42,
    GitLabStage: 'build_script',
    Flag: true,
    Flavour: { $expr: 'workday' },
    Empty: null,
  });
  expect(typeof adOf(1).QDate).toBe('number');
  expect(adOf(1).Owner).toBeTruthy();
});

test('macros: defaults, $ENV, $(DOLLAR), continuation and @= blocks', () => {
  sim.file('macros.sub', [
    'executable = job.sh',
    'name = $(undefined_macro:fallback)',
    'MY.Name = "$(name)"',
    'MY.Home = "$ENV(SIM_TEST_VALUE:none)"',
    'MY.Missing = "$ENV(SIM_TEST_MISSING:dflt)"',
    'MY.Price = "$(DOLLAR)(notamacro)"',
    'MY.Joined = "one \\',
    '   two"',
    'MY.Block @=END',
    '"multi"',
    '@END',
    'queue',
  ].join('\n'));
  const env = { SIM_TEST_VALUE: 'from-env' };
  const r = sim.run('condor_submit', ['-terse', 'macros.sub'], env);

  expect(r.status).toBe(0);
  expect(adOf(1)).toMatchObject({
    Name: 'fallback',
    Home: 'from-env',
    Missing: 'dflt',
    Price: '$(notamacro)',
    Joined: 'one two',
    Block: 'multi',
  });
});

test('old-syntax arguments and environment set Args and Environment', () => {
  const old = 'arguments = a  b\\"c\nenvironment = X=1;Y=two words';
  sim.file('old.sub', `${EXE}${old}\nqueue\n`);

  expect(submit('old.sub', '-terse').status).toBe(0);
  expect(adOf(1)).toMatchObject({
    Args: 'a  b\\"c',
    Environment: "X=1 Y='two words'",
  });
});

test('stdin description, command-line macros and -batch-name', () => {
  const args = ['-terse', '-batch-name', 'cli', 'exe=job.sh', '-'];
  const r = spawnSync('condor_submit', args, {
    cwd: sim.dir,
    env: sim.env,
    input: 'executable = $(exe)\nbatch_name = file\nqueue\n',
    encoding: 'utf8',
  });

  expect(r.stdout).toBe('1.0 - 1.0\n');
  expect(adOf(1)).toMatchObject({
    JobBatchName: 'cli',
    Cmd: `${sim.dir}/job.sh`,
  });
});
