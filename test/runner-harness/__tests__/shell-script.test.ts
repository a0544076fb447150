import { execFileSync } from 'child_process';
import { buildStageScript } from '../shell/stage-bodies';
import { ScriptContext } from '../shell/script-context';
import { shellEscape } from '../shell/shell-escape';

const escapes: [string, string][] = [
  ['', "''"],
  ['plain-word_1.2/x@y,z', 'plain-word_1.2/x@y,z'],
  ['two words', "$'two words'"],
  ["it's", "$'it\\'s'"],
  ['a\nb\tc\\d', "$'a\\nb\\tc\\\\d'"],
  ['\x1b[32;1m', "$'\\x1b[32;1m'"],
  ['é', "$'\\xc3\\xa9'"],
  ['$HOME "q" `x` ;|&', "$'$HOME \"q\" `x` ;|&'"],
];

test.each(escapes)('shellEscape(%j) is %s', (input, expected) => {
  expect(shellEscape(input)).toBe(expected);
});

test('bash reads every escaped value back unchanged', () => {
  const values = escapes.map(([input]) => input).concat(['\x07\x08\x0b\x0c\r']);
  const script = values.map((v) => `printf '%s\\0' ${shellEscape(v)}`).join('\n');
  const out = execFileSync('bash', ['-c', script]).toString('utf8');

  expect(out.split('\0').slice(0, -1)).toEqual(values);
});

const context: ScriptContext = {
  variables: [
    { key: 'PLAIN', value: 'it is "quoted"' },
    { key: 'SECRET_FILE', value: 'line1\nline2', file: true },
  ],
  projectDir: '/builds/group/project',
  tmpDir: '/builds/group/project.tmp',
  git: {
    url: '/srv/repo',
    sha: 'a'.repeat(40),
    ref: 'main',
    refspecs: ['+refs/heads/main:refs/remotes/origin/main'],
    depth: 20,
    strategy: 'fetch',
  },
  runnerVersion: '19.3.0',
  userAgentPlatform: 'linux/amd64',
  jobId: 1,
  artifactPaths: [],
  artifactArchive: '/store/1/artifacts.tar.gz',
  downloads: [],
  caches: [],
};

test('a stage script has the runner frame around one escaped eval', () => {
  const lines = buildStageScript('build_script', context, ['make test']).split('\n');

  expect(lines.slice(0, 4)).toEqual(['#!/usr/bin/env bash', '', "trap 'exit 1' TERM", '']);
  expect(lines[4]).toMatch(/set -o pipefail.*; set -o errexit$/);
  expect(lines[5]).toBe('set +o noclobber');
  expect(lines[6]).toMatch(/^\(trap 'exit 1' TERM; eval \$'.*'\) < \/dev\/null$/);
  expect(lines.slice(7)).toEqual(['exit 0', '']);
});

test('the body exports variables, writes file variables, cds and echoes', () => {
  const script = buildStageScript('build_script', context, ['make test']);
  const quoted = /eval (\$'.*')\)/.exec(script)?.[1];
  const body = execFileSync('bash', ['-c', `printf '%s' ${quoted}`]).toString();

  expect(body).toContain(`export PLAIN=$'it is "quoted"'`);
  expect(body).toContain(`printf '%s' $'line1\\nline2' > "/builds/group/project.tmp/SECRET_FILE"`);
  expect(body).toContain('export SECRET_FILE="/builds/group/project.tmp/SECRET_FILE"');
  expect(body).toContain('export GITLAB_ENV=/builds/group/project.tmp/gitlab_runner_env');
  expect(body).toContain('\ncd /builds/group/project\n');
  expect(body).toContain("echo $'\\x1b[32;1m$ make test\\x1b[0;m'\nmake test\n");
});

test('cleanup_file_variables exports file variables as paths only', () => {
  const script = buildStageScript('cleanup_file_variables', context);

  expect(script).not.toContain('line1');
  expect(script).toContain('rm -f "/builds/group/project.tmp/SECRET_FILE"');
});

test('prepare_script has neither exports nor cd', () => {
  const script = buildStageScript('prepare_script', { ...context, hostname: 'submit-1' });

  expect(script).toContain('Running on $(hostname) via submit-1...');
  expect(script).not.toContain('export ');
  expect(script).not.toContain('cd /builds');
});

test('multi-line commands show only their first line', () => {
  const script = buildStageScript('build_script', context, ['for i in 1 2\ndo echo $i\ndone']);

  expect(script).toContain('$ for i in 1 2 # collapsed multi-line command');
});
