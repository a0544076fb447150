import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readInvocations } from '../htcondor-sim/src/api';
import { writeFakePrefix } from '../unit/security/fake-prefix';
import { modesBelow } from '../unit/security/tree-scan';
import { makeSimWorld, runSimJob, type SimWorld } from './sim-job';

let world: SimWorld;
let prefixDir: string;
afterEach(async () => {
  await world?.remove();
  rmSync(prefixDir, { recursive: true, force: true });
});

test('behind a prefix: every tool call through it, stage files shared as needed', async () => {
  prefixDir = mkdtempSync(join(tmpdir(), 'prefix-'));
  const fake = writeFakePrefix(prefixDir);
  const gid = String(process.getgid?.() ?? 0);
  const prefix = fake.prefix.map((p) => JSON.stringify(p)).join(', ');
  world = makeSimWorld(`[htcondor]\ncommand_prefix = [${prefix}]\nservice_group = "${gid}"`);
  let modes: Record<string, string> = {};

  const result = await runSimJob(
    world,
    {
      script: ['echo via the service account > done.txt', 'sleep 2'],
      variables: [{ key: 'DEPLOY_TOKEN', value: 'not-for-the-tools', masked: true }],
    },
    {
      onTrace: (chunk) => {
        if (/is running on/.test(chunk)) modes = modesBelow(world.stateDir, true);
      },
    },
  );

  expect(result.status).toBe('success');
  const calls = fake.calls();
  const tools = calls.map((c) => basename(c.argv[3] ?? ''));
  expect(tools[0]).toBe('condor_submit');
  expect(tools).toEqual(readInvocations(world.simHome).map((i) => i.tool));
  expect(calls.every((c) => c.argv.slice(0, 3).join(' ') === '-n -u cmscat')).toBe(true);
  expect(calls.every((c) => c.ciVariables === 0)).toBe(true);
  expect(calls[0]?.argv.at(-1)).toBe('-');
  expect(calls[0]?.stdinBytes).toBeGreaterThan(100);

  const jobDir = Object.keys(modes).find((p) => /^job-[^/]+$/.test(p)) ?? 'missing';
  const stage = `${jobDir}/stages/01-build_script`;
  expect(modes).toMatchObject({
    [jobDir]: `2710 ${gid}`,
    [`${jobDir}/driver.log`]: expect.stringMatching(/^600 /),
    [`${jobDir}/stages`]: `2710 ${gid}`,
    [stage]: `2770 ${gid}`,
    [`${stage}/script`]: `640 ${gid}`,
    [`${stage}/job-wrapper.sh`]: `750 ${gid}`,
    [`${stage}/workspace-in.tar`]: `640 ${gid}`,
    [`${stage}/job.sub`]: expect.stringMatching(/^600 /),
  });
  expect(lstatSync(world.stateDir).mode & 0o077).toBe(0o010);
  expect(readdirSync(world.stateDir).filter((n) => n.startsWith('job-'))).toEqual([]);
});
