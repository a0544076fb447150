import fs from 'fs';
import path from 'path';
import {
  WORKSPACE_FILES,
  applyWorkspaceChanges,
  packWorkspace,
  parseJobResult,
} from '../../../executor/workspace';
import {
  listArchive,
  readNulList,
  runWrapper,
  snapshotTree,
  useTempDir,
  writeTree,
} from './fixtures';

const tempDir = useTempDir();

const JOB_SCRIPT = (projectDir: string) => `set -e
cd '${projectDir}'
printf 'more\\n' >> a.txt
printf 'new\\n' > new.txt
mkdir -p newdir/deeper
printf 'x' > newdir/deeper/inner.txt
rm gone.txt
chmod 755 run.sh
ln -s a.txt link
mv sub moved
printf 'state\\n' > '${projectDir}.tmp/state.txt'
echo out1; echo err1 >&2; printf 'out2 '; printf 'err2\\n' >&2
printf '\\000\\377 end'
exit 3
`;

/**
 * Packs a workspace, runs the wrapper as if on an execute node where the
 * project dir does not exist yet, then applies the results to the original.
 */
async function runJobElsewhere(script = JOB_SCRIPT) {
  const root = tempDir();
  const builds = path.join(root, 'builds');
  const projectDir = path.join(builds, 'P');
  const scratch = path.join(root, 'scratch');
  writeTree(builds, {
    'P/a.txt': 'a\n',
    'P/gone.txt': 'gone\n',
    'P/run.sh': 'echo run\n',
    'P/untouched.txt': 'same\n',
    'P/sub/keep.txt': 'keep\n',
    'P/deep/x/y.txt': 'y\n',
    'P.tmp/old.txt': 'old\n',
  });
  writeTree(root, { scratch: null, 'saved-original': null });
  fs.writeFileSync(path.join(scratch, 'script'), script(projectDir));
  await packWorkspace({
    projectDir,
    archivePath: path.join(scratch, WORKSPACE_FILES.input),
  });

  moveWorkspace(builds, path.join(root, 'saved-original'));
  const run = runWrapper(scratch, ['transfer', projectDir, 'script']);
  const jobTree = snapshotTree(builds);
  moveWorkspace(builds, path.join(root, 'job-result'));
  moveWorkspace(path.join(root, 'saved-original'), builds);

  return { builds, projectDir, scratch, run, jobTree };
}

function moveWorkspace(fromDir: string, toDir: string) {
  fs.mkdirSync(toDir, { recursive: true });
  for (const name of ['P', 'P.tmp']) {
    const from = path.join(fromDir, name);
    if (fs.existsSync(from)) fs.renameSync(from, path.join(toDir, name));
  }
}

test('a stage run elsewhere comes back as the tree it left', async () => {
  const { builds, projectDir, scratch, run, jobTree } = await runJobElsewhere();
  const out = (name: string) => path.join(scratch, name);

  expect(run.stderr.toString()).toBe('');
  expect(run.stdout).toEqual(
    Buffer.concat([
      Buffer.from('out1\nerr1\nout2 err2\n'),
      Buffer.from([0x00, 0xff]),
      Buffer.from(' end'),
    ]),
  );
  expect(run.status).toBe(3);
  const resultText = fs.readFileSync(out(WORKSPACE_FILES.result), 'utf8');
  expect(parseJobResult(resultText)).toEqual({ exitCode: 3 });

  const applied = await applyWorkspaceChanges({
    projectDir,
    archivePath: out(WORKSPACE_FILES.output),
    deletedListPath: out(WORKSPACE_FILES.deleted),
  });

  expect(snapshotTree(builds)).toEqual(jobTree);
  expect(fs.readlinkSync(path.join(projectDir, 'link'))).toBe('a.txt');
  expect(fs.statSync(path.join(projectDir, 'run.sh')).mode & 0o777).toBe(
    0o755,
  );
  expect(applied).toEqual({ written: 12, bytes: 32, deleted: 3 });
});

test('only what the script changed travels back', async () => {
  const { scratch } = await runJobElsewhere();

  expect(listArchive(path.join(scratch, WORKSPACE_FILES.output))).toEqual([
    'P',
    'P.tmp',
    'P.tmp/state.txt',
    'P/a.txt',
    'P/link',
    'P/moved',
    'P/moved/keep.txt',
    'P/new.txt',
    'P/newdir',
    'P/newdir/deeper',
    'P/newdir/deeper/inner.txt',
    'P/run.sh',
  ]);
  expect(readNulList(path.join(scratch, WORKSPACE_FILES.deleted))).toEqual([
    'P/gone.txt',
    'P/sub',
    'P/sub/keep.txt',
  ]);
  expect(fs.readdirSync(path.dirname(scratch)).sort()).toEqual([
    'builds',
    'job-result',
    'saved-original',
    'scratch',
  ]);
});

const TYPE_CHANGES = (projectDir: string) => `set -e
cd '${projectDir}'
rm -r sub && printf 'was a dir\\n' > sub
rm a.txt && mkdir a.txt && printf 'in\\n' > a.txt/in
ln -s /cvmfs/cms.cern.ch cmssw
rm -r deep/x
rm -r '${projectDir}.tmp'
`;

test('type changes and a removed P.tmp come back too', async () => {
  const { builds, projectDir, scratch, run, jobTree } =
    await runJobElsewhere(TYPE_CHANGES);
  const out = (name: string) => path.join(scratch, name);
  expect(run.stdout.toString()).toBe('');
  expect(run.status).toBe(0);

  await applyWorkspaceChanges({
    projectDir,
    archivePath: out(WORKSPACE_FILES.output),
    deletedListPath: out(WORKSPACE_FILES.deleted),
  });

  expect(snapshotTree(builds)).toEqual(jobTree);
  expect(fs.existsSync(`${projectDir}.tmp`)).toBe(false);
});
