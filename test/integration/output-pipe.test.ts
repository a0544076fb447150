import { readdirSync, readFileSync } from 'node:fs';
import { makeSimWorld, startJob, type SimWorld } from './sim-job';

/** O_NONBLOCK in the octal flags of /proc/<pid>/fdinfo/<fd>. */
const O_NONBLOCK = 0o4000;

let world: SimWorld;
afterEach(() => world?.remove());

/** The driver process running build_script for this world's settings. */
function driverPid(settingsFile: string): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes('build_script') && args.includes(settingsFile)) return Number(name);
  }

  return undefined;
}

function fdFlags(pid: number, fd: number): number {
  const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
  return parseInt(/^flags:\s+([0-7]+)/m.exec(info)?.[1] ?? 'NaN', 8);
}

test('a remote stage leaves the pipe the runner gave it blocking, so output moves at pipe speed', async () => {
  world = makeSimWorld();
  let flags: { out: number; err: number } | undefined;
  let looked: Promise<void> | undefined;
  const handle = startJob(
    world.job({ script: ['echo should never run'] }),
    world.options({
      env: { HTCONDOR_SIM_QUEUE_DELAY_MS: '60000' },
      onTrace: (chunk) => {
        if (looked || !/Submitted as HTCondor job/.test(chunk)) return;
        looked = (async () => {
          // The driver is now waiting for its queued job, with winston,
          // execa and every module of a remote stage loaded.
          const pid = driverPid(world.settingsFile);
          if (pid !== undefined) flags = { out: fdFlags(pid, 1), err: fdFlags(pid, 2) };
          handle.cancel();
        })();
      },
    }),
  );
  await handle.result;
  await looked;

  expect(flags).toBeDefined();
  expect((flags?.out ?? O_NONBLOCK) & O_NONBLOCK).toBe(0);
  expect((flags?.err ?? O_NONBLOCK) & O_NONBLOCK).toBe(0);
});
