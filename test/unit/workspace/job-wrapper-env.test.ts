import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJobWrapper } from '../../../executor/workspace';
import { useTempDir } from './fixtures';

const temp = useTempDir();

/** HTCondor may start the job with no PATH at all. */
test('the wrapper gives the script a usable PATH when the job has none', () => {
  const scratch = join(temp(), 'scratch');
  const projectDir = join(temp(), 'builds', 'p');
  mkdirSync(scratch);
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(join(scratch, 'job-wrapper.sh'), renderJobWrapper(), { mode: 0o755 });
  writeFileSync(join(scratch, 'script'), 'echo "PATH=$PATH"; command -v tar\n');

  const run = spawnSync('/bin/bash', ['job-wrapper.sh', 'shared', projectDir, 'script'], {
    cwd: scratch,
    env: {},
    encoding: 'utf8',
  });

  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin$/m);
  expect(run.stdout).toMatch(/\/tar$/m);
});
