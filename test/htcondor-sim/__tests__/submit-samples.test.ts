import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listQueue } from '../src/api';
import { environmentOfAd } from '../src/submit/environment';
import { type Sim, makeSim, sharedSamples } from './sim-fixture';

/** The real submit files in the shared samples, parsed as HTCondor would. */
const samples = sharedSamples('sample submit files');
const SAMPLES = samples.dir;
const withSamples = samples.test;
const suffix = samples.suffix;

let sim: Sim;

beforeEach(() => {
  sim = makeSim({ HTCONDOR_SIM_QUEUE_DELAY_MS: '600000' });
  sim.file('job.sh', '#!/bin/sh\ntrue\n', true);
  sim.file('proxy', 'not a certificate\n');
});
afterEach(() => sim.cleanup());

withSamples(`the FNAL jobsub file: old-syntax environment, +attrs${suffix}`, () => {
  const local = ['executable = job.sh', 'output = o', 'error = e', 'log = l'];
  const more = ['transfer_input_files = job.sh', 'x509userproxy = proxy'];
  const appended = [...local, ...more].flatMap((line) => ['-a', line]);
  const file = join(SAMPLES, 'fnal-jobsub-generated.sub');
  const r = sim.run('condor_submit', ['-terse', ...appended, file]);

  expect(r).toMatchObject({ status: 0, stdout: '1.0 - 1.0\n' });
  const ad = listQueue(sim.home)[0] ?? {};
  expect(ad).toMatchObject({
    Drain: false,
    JOB_EXPECTED_MAX_LIFETIME: 57600,
    AccountingGroup: 'group_minerva.user1',
    RequestMemory: 6144,
    RequestDisk: 2097152,
    WhenToTransferOutput: 'ON_EXIT_OR_EVICT',
  });
  expect(environmentOfAd(ad)).toMatchObject({
    CLUSTER: '1',
    PROCESS: '0',
    DAGMANJOBID: '',
    JOBSUBJOBID: '1.0@host2.example.org',
  });
  expect(ad.Requirements).toEqual({
    $expr: expect.stringContaining('stringListsIntersect(toUpper(DesiredOS)'),
  });
});

withSamples(`the CMS lxplus file with -queue ... from, $ENV defaults${suffix}`, () => {
  copyFileSync(join(SAMPLES, 'cms-lxplus-taufw.sub'), join(sim.dir, 'cms.sub'));
  mkdirSync(join(sim.dir, 'output', 'log'), { recursive: true });
  mkdirSync(join(sim.dir, 'python', 'batch'), { recursive: true });
  sim.file('python/batch/submit_HTCondor.sh', '#!/bin/sh\ntrue\n', true);
  sim.file('args.txt', 'first\nsecond third\n');
  const env = { X509_USER_PROXY: join(sim.dir, 'proxy'), CONTAINER: 'cc7' };
  const args = ['cms.sub', '-queue', 'arg', 'from', 'args.txt'];
  const r = sim.run('condor_submit', args, env);

  expect(r.stdout).toBe(
    'Submitting job(s)..\n2 job(s) submitted to cluster 1.\n',
  );
  const ads = listQueue(sim.home);
  expect(ads.map((ad) => ad.Args)).toEqual(['first', 'second third']);
  expect(ads[1]).toMatchObject({
    Iwd: join(sim.dir, 'output'),
    Cmd: join(sim.dir, 'python/batch/submit_HTCondor.sh'),
    UserLog: join(sim.dir, 'output/log/job.1.1.log'),
    ShouldTransferFiles: 'NO',
    JobFlavour: { $expr: 'workday' },
    MaxRuntime: 20000,
    X509UserProxy: join(sim.dir, 'proxy'),
  });
  expect(environmentOfAd(ads[1] ?? {})).toEqual({
    CONTAINER: 'cc7',
    JOBID: '1',
    TASKID: '1',
  });
});
