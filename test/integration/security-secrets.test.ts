import { randomBytes } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeProxy } from '../unit/security/proxy-fixtures';
import { filesHolding, modesBelow } from '../unit/security/tree-scan';
import { makeSandbox, runDriver } from './driver-process';
import { makeSimWorld, runSimJob, type SimWorld } from './sim-job';

let world: SimWorld;
let proxyDir: string;
afterEach(async () => {
  await world?.remove();
  rmSync(proxyDir, { recursive: true, force: true });
});

test('a planted secret is in no file the driver or the simulator leaves behind', async () => {
  const secret = `s3cr3t-${randomBytes(12).toString('hex')}`;
  const bodyMarker = `body-marker-${randomBytes(6).toString('hex')}`;
  proxyDir = mkdtempSync(join(tmpdir(), 'proxy-'));
  const proxy = join(proxyDir, 'x509up');
  const pem = makeProxy(proxy, -3600, 7 * 24 * 3600);
  const pemLine = pem.split('\n')[2] ?? 'missing';
  world = makeSimWorld(`[credentials]\nx509_proxy = "${proxy}"`);
  let modes: Record<string, string> = {};
  let whileRunning: string[] = [];

  const result = await runSimJob(
    world,
    {
      script: [
        `echo ${bodyMarker}`,
        'test -n "$DEPLOY_TOKEN" && echo token-present',
        'echo "$DEPLOY_TOKEN" > token-copy.txt',
        'sleep 2',
      ],
      variables: [{ key: 'DEPLOY_TOKEN', value: secret, masked: true }],
    },
    {
      onTrace: (chunk) => {
        if (!/is running on/.test(chunk)) return;
        modes = modesBelow(world.stateDir);
        whileRunning = filesHolding([world.stateDir], [secret]);
      },
    },
  );

  expect(result.status).toBe('success');
  expect(result.trace).toContain('token-present');
  expect(result.trace).not.toContain(secret);
  // While the job runs, its copy of the script holds the secret: the
  // search below would find any copy left behind.
  expect(whileRunning.map((f) => f.slice(world.stateDir.length))).toEqual([
    expect.stringMatching(/^\/job-[^/]+\/stages\/01-build_script\/script$/),
  ]);
  const left = filesHolding(
    [world.stateDir, world.simHome, join(world.root, 'cache'), join(world.root, 'artifacts')],
    [secret, bodyMarker, pemLine],
  );
  expect(left).toEqual([]);
  // The job's own copy in its workspace is the pipeline's choice, not a leak.
  expect(readFileSync(join(result.projectDir, 'token-copy.txt'), 'utf8')).toBe(`${secret}\n`);

  const jobDir = Object.keys(modes).find((p) => /^job-[^/]+$/.test(p)) ?? 'missing';
  const stage = `${jobDir}/stages/01-build_script`;
  expect(modes).toMatchObject({
    [jobDir]: '700',
    [`${jobDir}/driver.log`]: '600',
    [`${jobDir}/stages`]: '700',
    [stage]: '700',
    [`${stage}/script`]: '600',
    [`${stage}/job.sub`]: '600',
    [`${stage}/workspace-in.tar`]: '600',
    [`${stage}/job-wrapper.sh`]: '700',
  });
  expect(lstatSync(world.stateDir).uid).toBe(process.getuid?.());
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);
});

test('a refused value is quoted in the CI log, never in the driver log', () => {
  const box = makeSandbox('');
  try {
    const planted = `4GiB-${randomBytes(8).toString('hex')}`;
    const r = runDriver(box, ['prepare'], { CUSTOM_ENV_HTCONDOR_MEMORY: planted });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(planted);
    const logs = filesHolding([box.stateDir], ['prepare failed']);
    expect(logs.length).toBeGreaterThan(0);
    expect(filesHolding([box.stateDir], [planted])).toEqual([]);
  } finally {
    box.remove();
  }
});
