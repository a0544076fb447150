import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simBinDir } from '../htcondor-sim/src/api';
import { makeProxy, renewalsIn, writeRenewScript } from '../unit/security/proxy-fixtures';
import { CLI, type DriverRun } from './driver-process';

let root: string;
let proxy: string;
let settingsFile: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'proxy-prepare-'));
  proxy = join(root, 'x509up');
  settingsFile = join(root, 'config.toml');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeSettings(credentials: string[]) {
  writeFileSync(
    settingsFile,
    [
      '[htcondor]',
      `tool_dir = "${simBinDir()}"`,
      '[workspace]',
      `state_dir = "${join(root, 'state')}"`,
      `builds_dir = "${join(root, 'builds')}"`,
      '[credentials]',
      `x509_proxy = "${proxy}"`,
      ...credentials,
      '',
    ].join('\n'),
  );
}

/** One `prepare` of CI job `jobId` (one day of CI timeout), as the runner calls it. */
function prepare(jobId: number): Promise<DriverRun> {
  const runnerTmp = join(root, `custom-executor${jobId}`);
  mkdirSync(runnerTmp);
  const child = spawn(CLI, ['prepare', '--config', settingsFile], {
    cwd: runnerTmp,
    env: {
      PATH: process.env.PATH,
      TMPDIR: runnerTmp,
      BUILD_FAILURE_EXIT_CODE: '1',
      SYSTEM_FAILURE_EXIT_CODE: '2',
      CUSTOM_ENV_CI_JOB_ID: String(jobId),
      CUSTOM_ENV_CI_JOB_TIMEOUT: '86400',
      CUSTOM_ENV_CI_PROJECT_DIR: join(root, 'builds', 'group', 'project'),
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => {
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('20 concurrent prepare calls with a short proxy: one renewal, all prepared', async () => {
  makeProxy(proxy, -3600, 2 * 3600);
  const fresh = join(root, 'fresh.pem');
  makeProxy(fresh, -60, 8 * 24 * 3600);
  // The renewal takes long enough for every prepare to find the proxy short.
  writeSettings([`renew_command = ["${writeRenewScript(root, proxy, fresh, 2)}"]`]);

  const started = Date.now();
  const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => prepare(1000 + i)));
  const tookMs = Date.now() - started;

  expect(runs.map((r) => r.status)).toEqual(Array(20).fill(0));
  expect(renewalsIn(root)).toBe(1);
  expect(runs.filter((r) => r.stdout.includes('(renewed now)'))).toHaveLength(1);
  expect(runs.every((r) => /X509 proxy valid for \d+h/.test(r.stdout))).toBe(true);
  expect(tookMs).toBeGreaterThan(2000);
  expect(tookMs).toBeLessThan(15_000);
}, 60_000);

test('an expired proxy and no renewal: system failure saying so, path not shown', async () => {
  makeProxy(proxy, -7200, -3600);
  writeSettings([]);
  const r = await prepare(7);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(
    /X509 proxy configured in credentials\.x509_proxy has expired; nothing was submitted/,
  );
  expect(r.stderr).not.toContain(proxy);
});

test('a renewal command that fails: system failure quoting it', async () => {
  makeProxy(proxy, -3600, 2 * 3600);
  const failing = join(root, 'fail');
  const body = '#!/bin/bash\necho "cannot find the robot key" >&2\nexit 1\n';
  writeFileSync(failing, body, { mode: 0o755 });
  writeSettings([`renew_command = ["${failing}"]`]);
  const r = await prepare(8);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/renew_command failed \(exit code 1: cannot find the robot key\)/);
});
