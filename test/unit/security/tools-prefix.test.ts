import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { condorTools } from '../../../executor/condor/tools';
import { writeFakePrefix } from './fake-prefix';
import { settingsWith } from './job-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tools-'));
  for (const tool of ['condor_submit', 'condor_q', 'condor_rm']) writeFakeTool(tool);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A condor tool that says what it got: argv, stdin, and CI variables. */
function writeFakeTool(tool: string) {
  writeFileSync(
    join(dir, tool),
    [
      '#!/bin/bash',
      `echo "${tool} $*"`,
      'env | grep "^CUSTOM_ENV_" >&2',
      '[ "${@: -1}" = - ] && cat',
      'exit 0',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
}

const env = {
  PATH: process.env.PATH,
  CUSTOM_ENV_DEPLOY_TOKEN: 'secret-token',
  CUSTOM_ENV_CI_JOB_ID: '1',
};

test('the tools never see the CI variables', async () => {
  const tools = condorTools(settingsWith((s) => (s.htcondor.tool_dir = dir)), env);
  const r = await tools.run('condor_q', ['-af', 'ClusterId']);
  expect(r).toMatchObject({ exitCode: 0, stdout: 'condor_q -af ClusterId', stderr: '' });
});

test('behind a prefix every tool runs through it; the description goes on stdin', async () => {
  const fake = writeFakePrefix(dir);
  const settings = settingsWith((s) => {
    s.htcondor.tool_dir = dir;
    s.htcondor.schedd = 'schedd1.example.org';
    s.htcondor.command_prefix = fake.prefix;
  });
  const submitFile = join(dir, 'job.sub');
  writeFileSync(submitFile, 'executable = /bin/true\nqueue 1\n', { mode: 0o600 });
  const tools = condorTools(settings, env);

  const submitted = await tools.run('condor_submit', ['-terse', submitFile]);
  const removed = await tools.run('condor_rm', ['42']);

  expect(submitted.stdout).toBe(
    'condor_submit -name schedd1.example.org -terse -\nexecutable = /bin/true\nqueue 1',
  );
  expect(removed.stdout).toBe('condor_rm -name schedd1.example.org 42');
  expect(fake.calls()).toEqual([
    {
      argv: [
        ...['-n', '-u', 'cmscat', join(dir, 'condor_submit')],
        ...['-name', 'schedd1.example.org', '-terse', '-'],
      ],
      ciVariables: 0,
      stdinBytes: 31,
    },
    {
      argv: ['-n', '-u', 'cmscat', join(dir, 'condor_rm'), '-name', 'schedd1.example.org', '42'],
      ciVariables: 0,
      stdinBytes: 0,
    },
  ]);
  expect(readFileSync(submitFile, 'utf8')).toContain('queue 1');
});

test('a prefix that cannot run the tool is reported, not thrown', async () => {
  const settings = settingsWith((s) => {
    s.htcondor.tool_dir = dir;
    s.htcondor.command_prefix = [join(dir, 'no-such-sudo'), '-n'];
  });
  const r = await condorTools(settings, env).run('condor_q', []);
  expect(r.spawnError).toMatch(/ENOENT/);
});

test('a tool that hangs is stopped at its time limit', async () => {
  writeFileSync(join(dir, 'condor_history'), '#!/bin/bash\nexec sleep 30\n', { mode: 0o755 });
  const tools = condorTools(settingsWith((s) => (s.htcondor.tool_dir = dir)), env);
  const started = Date.now();
  const r = await tools.run('condor_history', [], 300);
  expect(r.spawnError).toBe('timed out');
  expect(Date.now() - started).toBeLessThan(5000);
});
