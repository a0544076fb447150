import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProxyFile } from '../../executor/commands/doctor-proxy';
import type { Settings } from '../../executor/settings/types';
import { settingsIn, writeProxy } from './doctor-fixture';

/** doctor's proxy check, judged as prepare judges the proxy. */
type Credentials = Partial<Settings['credentials']>;

let root: string;
beforeEach(() => (root = mkdtempSync('/var/tmp/doctor-proxy-')));
afterEach(() => rmSync(root, { recursive: true, force: true }));

const env = { PATH: process.env.PATH };
const renews = { renew_command: ['true'] };

async function judge(file: string, more: Credentials = {}): Promise<string> {
  const s = settingsIn(root, (s) => {
    Object.assign(s.credentials, { x509_proxy: file, ...more });
  });
  const f = await checkProxyFile(s, env);

  return `${f.verdict}: ${f.text}`;
}

test.each<[string, number, number, Credentials, RegExp]>([
  ['a long-lived private proxy', 10, 0o600, {}, /^ok: .* valid for 2\d\dh/],
  [
    'one shorter than min_lifetime', 1, 0o600, { min_lifetime: '2d' },
    /^fix: .* expires in 2\dh\d\dm, less than credentials.min_lifetime \(2d\)/,
  ],
  [
    'a short one that a command renews', 1, 0o600,
    { min_lifetime: '2d', ...renews },
    /^warn: .*; credentials.renew_command will renew it for the next job/,
  ],
  [
    'one others may read', 10, 0o644, {},
    /^fix: .* may be read by others \(mode 0644\); it must be 0600/,
  ],
  [
    'a renewal command that is not there', 10, 0o600,
    { renew_command: ['/nonexistent/voms-proxy-init'] },
    /^fix: credentials.renew_command: \/nonexistent\/voms-proxy-init is not/,
  ],
])('%s', async (_what, days, mode, more, expected) => {
  const file = writeProxy(join(root, 'proxy.pem'), days, mode);

  expect(await judge(file, more)).toMatch(expected);
});

test('a file that is not there, with and without renewal', async () => {
  const file = join(root, 'proxy.pem');

  expect(await judge(file)).toMatch(/^fix: .*\(ENOENT\); renew it/);
  expect(await judge(file, renews)).toMatch(/^warn: .*\(ENOENT\)/);
});

test('a file without a certificate', async () => {
  const file = join(root, 'proxy.pem');
  writeFileSync(file, 'not a proxy\n', { mode: 0o600 });

  expect(await judge(file)).toMatch(/^fix: .* holds no PEM certificate/);
});

test('none configured is fine', async () => {
  expect(await judge('')).toBe(
    'ok: none (credentials.x509_proxy is empty)',
  );
});
