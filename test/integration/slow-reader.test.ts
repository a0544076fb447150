import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listQueue, readInvocations, simBinDir, stopDaemons } from '../htcondor-sim/src/api';
import { CLI, makeSandbox, runDriver, type JobSandbox } from './driver-process';

let box: JobSandbox | undefined;
let simHome = '';
afterEach(async () => {
  if (simHome) await stopDaemons(simHome).catch(() => undefined);
  box?.remove();
});

/**
 * gitlab-runner reads the driver's output as fast as it comes, but a
 * runner on a loaded host may fall behind a job that floods its log. The
 * driver writes that output with blocking calls; a cancel must still be
 * acted on at once, and HTCondor's confirmation of the removal must count
 * even while the older output is still on its way.
 */
test('a runner that reads slowly: a cancel removes the job at once, and the confirmed removal counts', async () => {
  box = makeSandbox(
    `[container]\nmode = "none"\n[htcondor]\ntool_dir = "${simBinDir()}"\nremoval_wait = "3s"\n`,
  );
  simHome = join(box.root, 'sim');
  const env = { ...box.env, HTCONDOR_SIM_HOME: simHome, HTCONDOR_SIM_QUEUE_DELAY_MS: '100' };
  mkdirSync(box.env.CUSTOM_ENV_CI_PROJECT_DIR as string, { recursive: true });
  expect(runDriver(box, ['prepare'], env).status).toBe(0);
  const script = join(box.runnerTmp, 'script');
  // 12 MB of output at once, then a job that would run for minutes.
  writeFileSync(script, "head -c 12000000 /dev/zero | tr '\\0' x | fold -w 99\nsleep 300\n", { mode: 0o700 });

  const child = spawn(CLI, ['run', '--config', box.settingsFile, script, 'build_script'], {
    cwd: box.runnerTmp,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let received = 0;
  let stderr = '';
  let cancelledAt = 0;
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  // About 1 MB/s: one chunk, then a pause.
  child.stdout.on('data', (c: Buffer) => {
    received += c.length;
    if (!cancelledAt && received > 1_000_000) {
      cancelledAt = Date.now();
      child.kill('SIGTERM');
    }
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 50);
  });
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const rm = readInvocations(simHome).filter((i) => i.tool === 'condor_rm');
  expect(cancelledAt).toBeGreaterThan(0);
  expect((rm[0]?.time ?? Infinity) - cancelledAt).toBeLessThan(2000);
  expect(stderr).not.toContain('did not confirm the removal');
  expect(status).toBe(1);
  expect(listQueue(simHome)).toEqual([]);
  expect(runDriver(box, ['cleanup'], env).status).toBe(0);
});
