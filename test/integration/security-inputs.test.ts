import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listHistory, readInvocations } from '../htcondor-sim/src/api';
import { makeSimWorld, runSimJob, type SimWorld } from './sim-job';

let world: SimWorld;
afterEach(() => world?.remove());

const CMSSW = '/cvmfs/unpacked.cern.ch/registry.hub.docker.com/cmssw/';
const submits = () => readInvocations(world.simHome).filter((i) => i.tool === 'condor_submit');

test('CI variables named like admin settings reach neither the job nor the tools', async () => {
  world = makeSimWorld(
    [
      '[htcondor]',
      'accounting_group = "group_cms"',
      '[htcondor.extra_submit_commands]',
      '"MY.JobFlavour" = \'"workday"\'',
    ].join('\n'),
  );
  const evil = [
    'HTCONDOR_REQUIREMENTS', 'HTCONDOR_ACCOUNTING_GROUP', 'HTCONDOR_SCHEDD', 'HTCONDOR_POOL',
    'HTCONDOR_EXTRA_SUBMIT_COMMANDS', 'HTCONDOR_X509_PROXY', 'HTCONDOR_TOOL_DIR',
    'HTCONDOR_COMMAND_PREFIX', 'X509_USER_PROXY', '_CONDOR_SCHEDD_HOST', 'CONDOR_CONFIG',
  ].map((key) => ({ key, value: `evil-${key}` }));

  const result = await runSimJob(world, { script: ['true'], variables: evil });

  expect(result.status).toBe('success');
  const [ad] = listHistory(world.simHome);
  expect(ad).toMatchObject({ AcctGroup: 'group_cms', JobFlavour: 'workday' });
  expect(JSON.stringify(ad)).not.toContain('evil');
  expect(JSON.stringify(readInvocations(world.simHome))).not.toContain('evil');
});

test('a pipeline cannot choose where its stages run: the list config hands out is not a CI variable', async () => {
  world = makeSimWorld();
  const variables = [
    { key: 'HTCONDOR_EXECUTOR_REMOTE_STAGES', value: '["get_sources"]' },
    { key: 'HTCONDOR_EXECUTOR_CONFIG', value: '/nonexistent.toml' },
  ];

  const result = await runSimJob(world, { script: ['echo ran on the pool'], variables });

  expect(result.status).toBe('success');
  expect(result.trace).toContain('ran on the pool');
  // build_script and nothing else went to HTCondor, as the settings say.
  expect(submits()).toHaveLength(1);
  expect(listHistory(world.simHome)).toEqual([
    expect.objectContaining({ GitLabStage: 'build_script' }),
  ]);
});

test('a job that leaves a FIFO: system failure, the runner copy as it was', async () => {
  world = makeSimWorld('', { 'keep.txt': 'keep\n' });
  const result = await runSimJob(world, {
    script: ['echo new > new.txt', 'rm keep.txt', 'mkfifo pipe'],
  });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'runner_system_failure' });
  expect(result.trace).toMatch(
    /could not be applied .*the workspace is unchanged.*"[^"]*\/pipe" is a FIFO/,
  );
  expect(existsSync(join(result.projectDir, 'keep.txt'))).toBe(true);
  expect(readdirSync(result.projectDir).sort()).toEqual(['.git', 'README.md', 'keep.txt']);
});

test.each([
  ['HTCONDOR_IMAGE', `${CMSSW}../../../../etc`, /is not an image name/],
  ['HTCONDOR_MEMORY', '4096', /HTCONDOR_MEMORY="4096" is not allowed.*a size with a unit/],
  ['HTCONDOR_CPUS', '2 ', /HTCONDOR_CPUS="2 " is not allowed/],
])('%s=%j: a build failure before anything is submitted', async (key, value, why) => {
  world = makeSimWorld(
    [
      '[container]',
      'allow_job_image = true',
      `allowed_images = ["${CMSSW}*"]`,
    ].join('\n'),
  );
  const result = await runSimJob(world, { script: ['true'], variables: [{ key, value }] });

  expect(result).toMatchObject({ status: 'failed', failureReason: 'script_failure' });
  expect(result.trace).toMatch(why);
  expect(submits()).toEqual([]);
});
