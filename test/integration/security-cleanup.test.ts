import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { simBinDir } from '../htcondor-sim/src/api';
import { makeSandbox, runDriver, type JobSandbox } from './driver-process';

let box: JobSandbox;
afterEach(() => box?.remove());

test('cleanup deletes every copy: state dir with scripts, staging a killed apply left', () => {
  box = makeSandbox(`[htcondor]\ntool_dir = "${simBinDir()}"\n`);
  expect(runDriver(box, ['prepare']).status).toBe(0);
  const jobDirs = () => readdirSync(box.stateDir).filter((n) => n.startsWith('job-'));
  const [jobDir = 'missing'] = jobDirs();
  const stage = join(box.stateDir, jobDir, 'stages', '01-build_script');
  mkdirSync(stage, { recursive: true });
  for (const name of ['script', 'workspace-in.tar', 'workspace-out.tar']) {
    writeFileSync(join(stage, name), 'export DEPLOY_TOKEN=secret\n', { mode: 0o600 });
  }
  const projectDir = box.env.CUSTOM_ENV_CI_PROJECT_DIR ?? '';
  const parent = dirname(projectDir);
  mkdirSync(join(parent, '.project.apply-x1y2z3', 'sub'), { recursive: true });
  writeFileSync(join(parent, '.project.apply-x1y2z3', 'sub', '0'), 'returned data');
  mkdirSync(join(parent, '.other.apply-keep'));
  mkdirSync(join(parent, 'project.apply-keep'));

  const r = runDriver(box, ['cleanup']);

  expect(r.status).toBe(0);
  expect(jobDirs()).toEqual([]);
  expect(readdirSync(parent).sort()).toEqual(['.other.apply-keep', 'project.apply-keep']);
  expect(existsSync(join(box.stateDir, 'driver.log'))).toBe(true);
});
