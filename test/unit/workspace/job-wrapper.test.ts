import fs from 'fs';
import path from 'path';
import {
  WORKSPACE_FILES,
  packWorkspace,
  parseJobResult,
} from '../../../executor/workspace';
import { listArchive, runWrapper, snapshotTree, useTempDir } from './fixtures';

const tempDir = useTempDir();

/** A scratch dir holding a packed workspace P and the given script. */
async function prepareJob(script: string, removeWorkspace = true) {
  const root = tempDir();
  const projectDir = path.join(root, 'builds', 'P');
  const scratch = path.join(root, 'scratch');
  fs.mkdirSync(path.join(projectDir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(projectDir, 'src', 'main.c'), 'int main;\n');
  fs.mkdirSync(scratch);
  fs.writeFileSync(path.join(scratch, 'script'), script);
  await packWorkspace({
    projectDir,
    archivePath: path.join(scratch, WORKSPACE_FILES.input),
  });
  if (removeWorkspace) fs.rmSync(projectDir, { recursive: true });

  return { root, projectDir, scratch };
}

function readResult(scratch: string) {
  const text = fs.readFileSync(path.join(scratch, WORKSPACE_FILES.result));
  return parseJobResult(text.toString());
}

function expectEmptyOutputs(scratch: string) {
  const archive = fs.readFileSync(path.join(scratch, WORKSPACE_FILES.output));
  expect(archive.length).toBeGreaterThanOrEqual(1024);
  expect(archive.every((byte) => byte === 0)).toBe(true);
  expect(fs.statSync(path.join(scratch, WORKSPACE_FILES.deleted)).size).toBe(
    0,
  );
}

test.each([
  ['the project dir', 'P/src/main.c'],
  ['<project>.tmp', 'P.tmp/state'],
])('refuses to start when %s already has files', async (_what, existing) => {
  const job = await prepareJob('touch "$PWD/ran"\n', true);
  const existingFile = path.join(job.root, 'builds', existing);
  fs.mkdirSync(path.dirname(existingFile), { recursive: true });
  fs.writeFileSync(existingFile, 'someone else\n');
  const before = snapshotTree(path.join(job.root, 'builds'));

  const run = runWrapper(job.scratch, ['transfer', job.projectDir, 'script']);

  expect(run.status).toBe(1);
  const result = readResult(job.scratch);
  expect(result).toEqual({
    wrapperError: expect.stringContaining('not empty'),
  });
  expect(run.stdout.toString()).toMatch(/^job-wrapper: .*private \/tmp.*\n$/);
  expect(fs.existsSync(path.join(job.scratch, 'ran'))).toBe(false);
  expect(snapshotTree(path.join(job.root, 'builds'))).toEqual(before);
  expectEmptyOutputs(job.scratch);
});

test('accepts an existing empty project dir', async () => {
  const job = await prepareJob('exit 0\n');
  fs.mkdirSync(job.projectDir, { recursive: true });

  const run = runWrapper(job.scratch, ['transfer', job.projectDir, 'script']);

  expect(run.status).toBe(0);
  expect(readResult(job.scratch)).toEqual({ exitCode: 0 });
  expect(fs.readFileSync(path.join(job.projectDir, 'src', 'main.c'), 'utf8'))
    .toBe('int main;\n');
});

test('a script that changes nothing sends back nothing', async () => {
  const job = await prepareJob('cat "$0" > /dev/null\n');

  const run = runWrapper(job.scratch, ['transfer', job.projectDir, 'script']);

  expect(run.status).toBe(0);
  expect(run.stdout.length).toBe(0);
  expect(listArchive(path.join(job.scratch, WORKSPACE_FILES.output))).toEqual(
    [],
  );
  expectEmptyOutputs(job.scratch);
});

test('reports a signal as 128 + its number', async () => {
  const job = await prepareJob('echo before; kill -TERM $$; echo after\n');

  const run = runWrapper(job.scratch, ['transfer', job.projectDir, 'script']);

  expect(run.status).toBe(143);
  expect(run.stdout.toString()).toBe('before\n');
  expect(readResult(job.scratch)).toEqual({ exitCode: 143 });
});

test('shared mode only runs the script, yet leaves all outputs', async () => {
  const job = await prepareJob('echo "in $PWD"; echo oops >&2; exit 7\n');
  fs.rmSync(path.join(job.scratch, WORKSPACE_FILES.input));

  const run = runWrapper(job.scratch, ['shared', job.projectDir, 'script']);

  expect(run.status).toBe(7);
  expect(run.stdout.toString()).toBe(`in ${job.scratch}\noops\n`);
  expect(readResult(job.scratch)).toEqual({ exitCode: 7 });
  expect(fs.existsSync(job.projectDir)).toBe(false);
  expectEmptyOutputs(job.scratch);
});

test.each([
  ['a missing input archive', ['transfer', '<P>', 'script'], 'missing'],
  ['a relative project dir', ['transfer', 'builds/P', 'script'], 'absolute'],
  ['a project dir with ..', ['transfer', '/tmp/../P', 'script'], 'bad'],
  ['an unknown mode', ['copy', '<P>', 'script'], 'unknown mode'],
  ['a missing script', ['shared', '<P>', 'nope'], 'not found'],
  ['too few arguments', ['shared', '<P>'], 'usage'],
])('reports %s as a wrapper error', async (_what, args, message) => {
  const job = await prepareJob('touch "$PWD/ran"\n');
  fs.rmSync(path.join(job.scratch, WORKSPACE_FILES.input));
  const realArgs = args.map((a) => (a === '<P>' ? job.projectDir : a));

  const run = runWrapper(job.scratch, realArgs);

  expect(run.status).toBe(1);
  expect(readResult(job.scratch)).toEqual({
    wrapperError: expect.stringContaining(message),
  });
  expect(run.stdout.toString().split('\n')).toHaveLength(2);
  expect(fs.existsSync(path.join(job.scratch, 'ran'))).toBe(false);
  expectEmptyOutputs(job.scratch);
});
