import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDefaultImage } from '../../executor/commands/doctor-image';
import { checkPaths } from '../../executor/commands/doctor-paths';
import { checkProxyFile } from '../../executor/commands/doctor-proxy';
import { defaultSettings } from '../../executor/settings/defaults';
import type { Settings } from '../../executor/settings/types';
import { writeProxy } from './doctor-fixture';

/** The checks that read only files, each against a small temp world. */
let root: string;
beforeEach(() => (root = mkdtempSync('/var/tmp/doctor-checks-')));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function settings(change: (s: Settings) => void = () => undefined): Settings {
  const s = defaultSettings();
  s.workspace.builds_dir = join('/tmp', 'doctor-never-made', 'builds');
  s.workspace.cache_dir = join(root, 'cache');
  s.workspace.state_dir = join(root, 'state');
  change(s);

  return s;
}

const env = { PATH: process.env.PATH };
const byCheck = (s: Settings) =>
  Object.fromEntries(checkPaths(s).map((f) => [f.check, `${f.verdict}: ${f.text}`]));

describe('the X509 proxy', () => {
  const withProxy = (file: string, more: Partial<Settings['credentials']> = {}) =>
    settings((s) => Object.assign(s.credentials, { x509_proxy: file, ...more }));

  test.each<[string, number, number, Partial<Settings['credentials']>, RegExp]>([
    ['a long-lived private proxy', 10, 0o600, {}, /^ok: .* valid for 2\d\dh/],
    ['one shorter than min_lifetime', 1, 0o600, { min_lifetime: '2d' }, /^fix: .* expires in 2\dh\d\dm, less than credentials.min_lifetime \(2d\); renew it/],
    ['a short one that a command renews', 1, 0o600, { min_lifetime: '2d', renew_command: ['true'] }, /^ok: .*; renewed before the next job$/],
    ['one others may read', 10, 0o644, {}, /^warn: .* has mode 644; chmod 600 it/],
    ['a renewal command that is not there', 10, 0o600, { renew_command: ['/nonexistent/voms-proxy-init'] }, /^fix: credentials.renew_command: \/nonexistent\/voms-proxy-init is not an executable/],
  ])('%s', (_what, days, mode, more, expected) => {
    const file = writeProxy(join(root, 'proxy.pem'), days, mode);
    const f = checkProxyFile(withProxy(file, more), env);

    expect(`${f.verdict}: ${f.text}`).toMatch(expected);
  });

  test('a file that is not there, without and with a renewal command', () => {
    const file = join(root, 'proxy.pem');
    const plain = checkProxyFile(withProxy(file), env);
    const renewed = checkProxyFile(withProxy(file, { renew_command: ['true'] }), env);

    expect(plain).toMatchObject({ verdict: 'fix', text: expect.stringContaining('(ENOENT); create it') });
    expect(renewed).toMatchObject({ verdict: 'warn', text: expect.stringContaining('renew_command creates it') });
  });

  test('a file without a certificate', () => {
    writeFileSync(join(root, 'proxy.pem'), 'not a proxy\n');
    const f = checkProxyFile(withProxy(join(root, 'proxy.pem')), env);

    expect(f).toMatchObject({ verdict: 'fix', text: expect.stringContaining('holds no PEM certificate') });
  });

  test('none configured is fine', () => {
    expect(checkProxyFile(settings(), env).verdict).toBe('ok');
  });
});

describe('the directories and files', () => {
  test('dirs still to be made, under writable parents, are fine', () => {
    const found = byCheck(settings());

    expect(found['builds dir']).toMatch(/^ok: .* will be created/);
    expect(found['state dir']).toMatch(/^ok: .* will be created/);
    expect(found['records file']).toBe(`ok: ${root}/state/jobs.jsonl will be appended to`);
    expect(found['metrics file']).toBe('ok: not written');
  });

  test('a state dir others may enter, and a file where a dir should be', () => {
    mkdirSync(join(root, 'state'), { mode: 0o755 });
    chmodSync(join(root, 'state'), 0o755);
    writeFileSync(join(root, 'cache'), '');
    const found = byCheck(settings());

    expect(found['state dir']).toBe(`warn: ${root}/state has mode 755; chmod 700 it`);
    expect(found['cache dir']).toBe(`fix: ${root}/cache is not a directory`);
  });

  test('builds_dir: outside /tmp in transfer mode, under /tmp in shared mode', () => {
    const transfer = byCheck(settings((s) => (s.workspace.builds_dir = join(root, 'b'))));
    const shared = byCheck(settings((s) => (s.workspace.mode = 'shared')));

    expect(transfer['builds dir']).toMatch(/^warn: .* is not under \/tmp: in transfer mode/);
    expect(shared['builds dir']).toMatch(/^fix: .* must be on a filesystem the execute nodes mount/);
  });

  test('a metrics file the textfile collector would not read', () => {
    const found = byCheck(settings((s) => (s.logging.metrics_file = join(root, 'm.txt'))));

    expect(found['metrics file']).toMatch(/^warn: .*m\.txt does not end in \.prom/);
  });
});

describe('the default image', () => {
  const image = (mode: Settings['container']['mode'], path: string) =>
    checkDefaultImage(settings((s) => Object.assign(s.container, { mode, default_image: path })));

  test('an unpacked image with bash and tar, and one without', () => {
    const full = join(root, 'full');
    mkdirSync(join(full, 'usr', 'bin'), { recursive: true });
    writeFileSync(join(full, 'usr', 'bin', 'bash'), '');
    writeFileSync(join(full, 'usr', 'bin', 'tar'), '');
    mkdirSync(join(root, 'empty'));

    expect(image('container_image', full)).toMatchObject({ verdict: 'ok' });
    expect(image('container_image', join(root, 'empty'))).toMatchObject({
      verdict: 'warn', text: expect.stringContaining('has no bash or tar'),
    });
  });

  test.each<[Settings['container']['mode'], string, string]>([
    ['container_image', '/cvmfs/unpacked.cern.ch/x/y:latest/', 'warn'],
    ['singularity_image', '/nonexistent/image/', 'warn'],
    ['container_image', '/nonexistent/image/', 'fix'],
    ['container_image', 'docker://registry.cern.ch/cmssw/el9:x86_64', 'ok'],
    ['none', '', 'ok'],
  ])('%s %s: %s', (mode, path, verdict) => {
    expect(image(mode, path).verdict).toBe(verdict);
  });
});
