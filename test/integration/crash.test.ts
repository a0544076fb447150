import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listQueue, readInvocations, simEnv } from '../htcondor-sim/src/api';
import { CLI, makeSandbox, type JobSandbox } from './driver-process';
import { makeSimWorld, type SimWorld } from './sim-job';

let world: SimWorld;
let box: JobSandbox;
afterEach(async () => {
  box?.remove();
  await world?.remove();
});

/** A driver sandbox whose settings point at the simulator world. */
function sandboxFor(w: SimWorld, jobId: string): JobSandbox {
  const b = makeSandbox('', jobId);
  b.settingsFile = w.settingsFile;
  b.env = { ...simEnv(w.simHome), ...b.env, HTCONDOR_SIM_HOME: w.simHome, CUSTOM_ENV_CI_PROJECT_DIR: join(w.buildsDir, 'g', 'p') };
  mkdirSync(b.env.CUSTOM_ENV_CI_PROJECT_DIR as string, { recursive: true });
  return b;
}

function call(args: string[]) {
  return spawnSync(CLI, [args[0] as string, '--config', box.settingsFile, ...args.slice(1)], {
    cwd: box.runnerTmp, env: box.env, encoding: 'utf8', timeout: 60_000,
  });
}

async function killDriverWhileRunning(): Promise<void> {
  const script = join(box.runnerTmp, 'script');
  writeFileSync(script, 'echo running; sleep 60\n', { mode: 0o700 });
  const driver = spawn(CLI, ['run', '--config', box.settingsFile, script, 'build_script'], {
    cwd: box.runnerTmp, env: box.env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve) => {
    driver.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('running\n')) resolve();
    });
  });
  driver.kill('SIGKILL');
  await new Promise((resolve) => driver.on('exit', resolve));
}

test('driver killed with SIGKILL mid-stage: cleanup still removes the job, twice is harmless', async () => {
  world = makeSimWorld();
  box = sandboxFor(world, '7001');
  expect(call(['prepare']).status).toBe(0);
  await killDriverWhileRunning();
  expect(listQueue(world.simHome)).toHaveLength(1);

  expect(call(['cleanup']).status).toBe(0);
  const deadline = Date.now() + 10_000;
  while (listQueue(world.simHome).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(listQueue(world.simHome)).toEqual([]);
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);

  const second = call(['cleanup']);
  expect(second.status).toBe(0);
  expect(second.stderr).toBe('');
});

test('reap removes jobs whose driver is gone after the grace period; --dry-run only says so', async () => {
  world = makeSimWorld();
  box = sandboxFor(world, '7002');
  expect(call(['prepare']).status).toBe(0);
  await killDriverWhileRunning();

  const young = call(['reap', '--grace', '1h']);
  expect(young.stdout).toMatch(/driver gone, within grace .*; kept/);
  const dry = call(['reap', '--grace', '0s', '--dry-run']);
  expect(dry.stdout).toMatch(/\(CI job 7002\): driver \d+ is gone; would remove \(dry run\)/);
  expect(listQueue(world.simHome)).toHaveLength(1);

  const real = call(['reap', '--grace', '0s']);
  expect(real.status).toBe(0);
  expect(real.stdout).toMatch(/\(CI job 7002\): driver \d+ is gone; removed/);
  const deadline = Date.now() + 10_000;
  while (listQueue(world.simHome).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(listQueue(world.simHome)).toEqual([]);
  expect(readInvocations(world.simHome).filter((i) => i.tool === 'condor_q')).toHaveLength(3);
  expect(existsSync(world.stateDir)).toBe(true);
});
