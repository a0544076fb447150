import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO } from '../integration/driver-process';

/** What an admin types first: --help for each command, and --version. */
function cli(...args: string[]) {
  return spawnSync(CLI, args, { encoding: 'utf8', timeout: 30_000 });
}

const COMMANDS = ['config', 'prepare', 'run', 'cleanup', 'reap', 'doctor'];

test('--help lists every command and exits 0', () => {
  const r = cli('--help');

  expect(r.status).toBe(0);
  for (const command of COMMANDS) {
    const line = new RegExp(`gitlab-htcondor-executor ${command}\\b`);
    expect(r.stdout).toMatch(line);
  }
});

test.each(COMMANDS)('%s --help says what it does, and --config', (command) => {
  const r = cli(command, '--help');

  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`^gitlab-htcondor-executor ${command}`));
  expect(r.stdout).toContain('--config');
  expect(r.stderr).toBe('');
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const r = cli('--version');

  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe(pkg.version);
});

test('an unknown command: the help, and the system-failure code', () => {
  const r = cli('nosuch');

  expect(r.status).toBe(2);
  expect(r.stderr).toContain('Commands:');
});

test('--config twice: says so, and the system-failure code', () => {
  const r = spawnSync(CLI, ['run', 'script', 'get_sources', '--config', 'a.toml', '--config', 'a.toml'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, SYSTEM_FAILURE_EXIT_CODE: '2' },
  });

  expect(r.status).toBe(2);
  expect(r.stderr).toContain('--config is given more than once');
  expect(r.stderr).not.toMatch(/ERR_INVALID_ARG_TYPE/);
});
