import { buildSubmitDescription, type StageJob } from '../../../executor/condor/submit/build';
import type { JobContext } from '../../../executor/job/context';
import { defaultSettings } from '../../../executor/settings/defaults';

function stageJob(overrides: Partial<JobContext> = {}, edit?: (s: StageJob) => void): StageJob {
  const job: JobContext = {
    jobId: '4242',
    pipelineId: '77',
    projectPath: 'cms-analysis/cat-demo',
    jobName: 'analysis 1/3',
    projectDir: '/tmp/gitlab-htcondor/builds/t0k3n/0/cms-analysis/cat-demo',
    runnerToken: 't0k3n',
    timeoutS: 3600,
    image: undefined,
    debug: false,
    runnerTmp: '/tmp/custom-executor1',
    variables: new Map(),
    ...overrides,
  };
  const s: StageJob = {
    stage: 'build_script',
    settings: defaultSettings(),
    job,
    resources: { cpus: 2, memoryBytes: 3 * 1024 ** 3, diskBytes: 1024 ** 3, gpus: 0, runtimeS: 3900 },
    image: '/cvmfs/unpacked.cern.ch/img:latest/',
    files: {
      dir: '/var/tmp/state/job-4242/stages/01-build_script',
      wrapper: '/var/tmp/state/job-4242/stages/01-build_script/job-wrapper.sh',
      script: '/var/tmp/state/job-4242/stages/01-build_script/script',
      eventLog: '/var/tmp/state/job-4242/stages/01-build_script/job.log',
      output: '/var/tmp/state/job-4242/stages/01-build_script/job.out',
      inputs: ['script', 'workspace-in.tar'],
      outputs: ['workspace-out.tar', 'workspace-deleted.bin', 'job-result.txt'],
    },
    wrapperArgs: ['transfer', job.projectDir, 'script'],
    driverHost: 'runner1.example.org',
    driverPid: 4711,
  };
  edit?.(s);
  return s;
}

function commands(text: string): Map<string, string> {
  const lines = text.trimEnd().split('\n');
  expect(lines.pop()).toBe('queue 1');
  return new Map(lines.map((l) => [l.split(' = ')[0] as string, l.slice(l.indexOf(' = ') + 3)]));
}

test('a remote stage asks for its container, files, resources and tags', () => {
  const c = commands(buildSubmitDescription(stageJob()).render());
  expect(c.get('universe')).toBe('container');
  expect(c.get('container_image')).toBe('/cvmfs/unpacked.cern.ch/img:latest/');
  expect(c.get('stream_output')).toBe('true');
  expect(c.get('should_transfer_files')).toBe('YES');
  expect(c.get('transfer_input_files')).toBe('script, workspace-in.tar');
  expect(c.get('transfer_output_files')).toBe('workspace-out.tar, workspace-deleted.bin, job-result.txt');
  expect(c.get('request_cpus')).toBe('2');
  expect(c.get('request_memory')).toBe('3072M');
  expect(c.get('request_disk')).toBe('1048576K');
  expect(c.get('allowed_execute_duration')).toBe('3900');
  expect(c.get('MY.GitLabJobId')).toBe('4242');
  expect(c.get('MY.GitLabPipelineId')).toBe('77');
  expect(c.get('MY.GitLabProjectPath')).toBe('"cms-analysis/cat-demo"');
  expect(c.get('MY.GitLabStage')).toBe('"build_script"');
  expect(c.get('MY.GitLabRunner')).toBe('"t0k3n"');
  expect(c.get('MY.GitLabRunnerHost')).toBe('"runner1.example.org"');
  expect(c.get('MY.GitLabDriverPid')).toBe('4711');
  expect(c.get('batch_name')).toBe('gitlab-4242-build_script');
  expect(c.get('arguments')).toBe(
    `"'transfer' '/tmp/gitlab-htcondor/builds/t0k3n/0/cms-analysis/cat-demo' 'script'"`,
  );
  expect(c.has('request_gpus')).toBe(false);
});

test('singularity mode uses MY.SingularityImage in the vanilla universe', () => {
  const s = stageJob({}, (j) => (j.settings.container.mode = 'singularity_image'));
  const c = commands(buildSubmitDescription(s).render());
  expect(c.get('universe')).toBe('vanilla');
  expect(c.get('MY.SingularityImage')).toBe('"/cvmfs/unpacked.cern.ch/img:latest/"');
  expect(c.has('container_image')).toBe(false);
});

test('admin extras and the accounting group are added; a proxy is sent', () => {
  const s = stageJob({}, (j) => {
    j.settings.htcondor.accounting_group = 'group_u_CMST3.all';
    j.settings.htcondor.extra_submit_commands = { 'MY.JobFlavour': '"workday"' };
    j.settings.credentials.x509_proxy = '/var/lib/runner/proxy.pem';
  });
  const c = commands(buildSubmitDescription(s).render());
  expect(c.get('accounting_group')).toBe('group_u_CMST3.all');
  expect(c.get('MY.JobFlavour')).toBe('"workday"');
  expect(c.get('x509userproxy')).toBe('/var/lib/runner/proxy.pem');
});

test('a project dir with a dollar sign or a newline never reaches the text raw', () => {
  const dollar = stageJob({ projectDir: '/tmp/b/$HOME' }, (j) => {
    j.wrapperArgs = ['transfer', '/tmp/b/$HOME', 'script'];
  });
  const text = buildSubmitDescription(dollar).render();
  expect(text).not.toMatch(/\$(?!\(DOLLAR\))/);

  const newline = stageJob({}, (j) => {
    j.wrapperArgs = ['transfer', '/tmp/b\nqueue 5', 'script'];
  });
  expect(() => buildSubmitDescription(newline)).toThrow(/line break/);
});

test('a project path that cannot be a ClassAd string is refused, not mangled', () => {
  expect(() => buildSubmitDescription(stageJob({ projectPath: 'a"b' }))).toThrow(/GitLabProjectPath/);
});
