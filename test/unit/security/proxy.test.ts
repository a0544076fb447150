import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectProxy, remainingLifetimeS } from '../../../executor/credentials/proxy';
import { ensureProxy } from '../../../executor/credentials/renew';
import { SystemFailure } from '../../../executor/errors';
import type { Settings } from '../../../executor/settings/types';
import { writeFakePrefix } from './fake-prefix';
import { settingsWith } from './job-fixtures';
import { makeProxy, renewalsIn, writeRenewScript } from './proxy-fixtures';

const HOUR = 3600;
const BROKEN_PEM = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
let dir: string;
let proxy: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proxy-'));
  proxy = join(dir, 'x509up');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function settingsFor(edit: (s: Settings) => void = () => undefined): Settings {
  return settingsWith((s) => {
    s.credentials.x509_proxy = proxy;
    s.workspace.state_dir = join(dir, 'state');
    edit(s);
  });
}

function renewing(edit: (s: Settings) => void = () => undefined): Settings {
  const fresh = join(dir, 'fresh.pem');
  makeProxy(fresh, -60, 8 * 24 * HOUR);
  mkdirSync(join(dir, 'state'), { recursive: true });
  return settingsFor((s) => {
    s.credentials.renew_command = [writeRenewScript(dir, proxy, fresh)];
    edit(s);
  });
}

test('the lifetime comes from the certificate, read with X509Certificate', async () => {
  makeProxy(proxy, -HOUR, 10 * HOUR);
  const look = await inspectProxy(settingsFor());
  expect(look.usable).toBe(true);
  expect(Math.abs((look.usable ? look.remainingS : 0) - 10 * HOUR)).toBeLessThan(5);
});

test('a chain is only as good as its shortest-lived certificate', () => {
  const long = makeProxy(join(dir, 'a.pem'), -HOUR, 48 * HOUR);
  const short = makeProxy(join(dir, 'b.pem'), -HOUR, 2 * HOUR);
  const remaining = remainingLifetimeS(long + short);
  expect(Math.abs(remaining - 2 * HOUR)).toBeLessThan(5);
});

test.each([
  ['missing', () => undefined, /cannot be read \(ENOENT\)/],
  ['a directory', () => mkdirSync(proxy), /is not a regular file/],
  [
    'readable by others',
    () => (makeProxy(proxy, -HOUR, HOUR), chmodSync(proxy, 0o644)),
    /mode 0644.*0600/,
  ],
  ['not PEM', () => writeFileSync(proxy, 'garbage', { mode: 0o600 }), /holds no PEM certificate/],
  [
    'a broken certificate',
    () => writeFileSync(proxy, BROKEN_PEM, { mode: 0o600 }),
    /cannot be parsed/,
  ],
  ['not valid yet', () => makeProxy(proxy, HOUR, 10 * HOUR), /not valid yet/],
  ['expired', () => makeProxy(proxy, -10 * HOUR, -HOUR), /has expired/],
])('a proxy that is %s is never submitted: a system failure says why', async (_w, make, why) => {
  make();
  const ensuring = ensureProxy(settingsFor(), HOUR);
  await expect(ensuring).rejects.toThrow(SystemFailure);
  await expect(ensuring).rejects.toThrow(why);
  await expect(ensuring).rejects.not.toThrow(dir);
});

test('a proxy that outlives the job is used as it is', async () => {
  makeProxy(proxy, -HOUR, 48 * HOUR);
  const state = await ensureProxy(renewing(), 24 * HOUR);
  expect(state).toMatchObject({ renewed: false });
  expect(renewalsIn(dir)).toBe(0);
});

test('a proxy shorter than the job and no renewal: refused, saying by how much', async () => {
  makeProxy(proxy, -HOUR, 2 * HOUR);
  await expect(ensureProxy(settingsFor(), 5 * HOUR)).rejects.toThrow(
    /expires in 1h59m, before the job could end \(5h00m\); renew it/,
  );
});

test('min_lifetime applies when the job has no known run time', async () => {
  makeProxy(proxy, -HOUR, 30 * 60);
  await expect(ensureProxy(settingsFor(), undefined)).rejects.toThrow(
    /before the job could end \(1h00m\)/,
  );
});

test.each([
  ['shorter than the job', () => makeProxy(proxy, -HOUR, 2 * HOUR)],
  ['expired', () => makeProxy(proxy, -10 * HOUR, -HOUR)],
  ['missing', () => undefined],
])('a proxy %s is renewed with the admin command', async (_what, make) => {
  make();
  const state = await ensureProxy(renewing(), 5 * 24 * HOUR);
  expect(state).toMatchObject({ renewed: true });
  expect(state?.remainingS).toBeGreaterThan(7 * 24 * HOUR);
  expect(renewalsIn(dir)).toBe(1);
});

test('20 concurrent checks of a short proxy renew it once', async () => {
  makeProxy(proxy, -HOUR, 2 * HOUR);
  const settings = renewing();
  const states = await Promise.all(
    Array.from({ length: 20 }, () => ensureProxy(settings, 24 * HOUR)),
  );
  expect(renewalsIn(dir)).toBe(1);
  expect(states.filter((s) => s?.renewed)).toHaveLength(1);
  expect(states.every((s) => (s?.remainingS ?? 0) > 24 * HOUR)).toBe(true);
});

test('a failing renewal command is a system failure quoting its last line', async () => {
  makeProxy(proxy, -HOUR, 2 * HOUR);
  const failing = join(dir, 'fail');
  const body = '#!/bin/bash\necho "Enter GRID pass phrase" >&2\nexit 3\n';
  writeFileSync(failing, body, { mode: 0o755 });
  mkdirSync(join(dir, 'state'));
  const settings = settingsFor((s) => (s.credentials.renew_command = [failing]));
  await expect(ensureProxy(settings, 24 * HOUR)).rejects.toThrow(
    /renew_command failed \(exit code 3: Enter GRID pass phrase\)/,
  );
});

test('a renewal that leaves the proxy short is a system failure', async () => {
  makeProxy(proxy, -HOUR, 2 * HOUR);
  mkdirSync(join(dir, 'state'));
  const settings = settingsFor((s) => (s.credentials.renew_command = ['/bin/true']));
  await expect(ensureProxy(settings, 24 * HOUR)).rejects.toThrow(
    /after credentials.renew_command ran expires in 1h59m/,
  );
});

test('behind a prefix the renewal runs as the service account, without CI variables', async () => {
  makeProxy(proxy, -HOUR, 2 * HOUR);
  const fake = writeFakePrefix(dir);
  const settings = renewing((s) => (s.htcondor.command_prefix = fake.prefix));
  process.env.CUSTOM_ENV_DEPLOY_TOKEN = 'secret';
  try {
    await ensureProxy(settings, 24 * HOUR);
  } finally {
    delete process.env.CUSTOM_ENV_DEPLOY_TOKEN;
  }
  const [call] = fake.calls();
  expect(call?.argv).toEqual(['-n', '-u', 'cmscat', settings.credentials.renew_command[0]]);
  expect(call?.ciVariables).toBe(0);
});
