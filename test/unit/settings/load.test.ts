import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '../../../executor/errors';
import { defaultSettings } from '../../../executor/settings/defaults';
import { loadSettings } from '../../../executor/settings/load';

const repo = resolve(__dirname, '../../..');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(text: string): string {
  const file = join(dir, 'config.toml');
  writeFileSync(file, text);
  return file;
}

function problemsOf(text: string): string[] {
  try {
    loadSettings(write(text));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error('expected the settings to be refused');
}

test('config.example.toml states exactly the defaults', () => {
  expect(loadSettings(join(repo, 'config.example.toml'))).toEqual(defaultSettings());
});

test('an empty file gives the defaults', () => {
  expect(loadSettings(write(''))).toEqual(defaultSettings());
});

test('values given replace defaults section by section', () => {
  const s = loadSettings(write('[resources]\ncpus = 4\n[htcondor]\nschedd = "bigbird26.cern.ch"\n'));
  expect(s.resources.cpus).toBe(4);
  expect(s.resources.memory).toBe('2GiB');
  expect(s.htcondor.schedd).toBe('bigbird26.cern.ch');
});

test('every mistake is listed at once with key, expected form and value', () => {
  const problems = problemsOf(
    [
      '[workspace]',
      'mode = "nfs"',
      'builds_dir = "relative/builds"',
      'bulids_dir = "/x"',
      '[resources]',
      'memory = "lots"',
      'cpus = -1',
      '[container]',
      'allow_job_image = "yes"',
    ].join('\n'),
  );
  const text = problems.join('\n');
  expect(problems.length).toBeGreaterThanOrEqual(6);
  expect(text).toMatch(/workspace\.mode: expected one of "transfer", "shared", got "nfs"/);
  expect(text).toMatch(/workspace\.builds_dir: .*got "relative\/builds"/);
  expect(text).toMatch(/workspace\.bulids_dir: unknown setting/);
  expect(text).toMatch(/resources\.memory: expected .*size.*got "lots"/);
  expect(text).toMatch(/resources\.cpus: .*got -1/);
  expect(text).toMatch(/container\.allow_job_image: .*boolean.*got "yes"/);
});

test('rules about meaning are checked after the shape', () => {
  const problems = problemsOf('[resources]\ncpus = 16\nmax_cpus = 8\nmemory = "32GiB"\n');
  expect(problems).toEqual([
    'resources.cpus: expected at most resources.max_cpus (8), got 16',
    'resources.memory: expected at most resources.max_memory (16GiB), got "32GiB"',
  ]);
});

test('extra submit commands may not smuggle a queue statement', () => {
  const problems = problemsOf('[htcondor.extra_submit_commands]\nqueue = "5"\n');
  expect(problems.join()).toMatch(/extra_submit_commands: expected a submit command name, got "queue"/);
});

test('TOML syntax errors and missing files are configuration errors', () => {
  expect(problemsOf('[htcondor\n')[0]).toMatch(/^not valid TOML/);
  expect(() => loadSettings(join(dir, 'missing.toml'))).toThrow(/cannot read the file \(ENOENT\)/);
});
