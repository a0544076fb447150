import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { checkDefaultImage } from '../../executor/commands/doctor-image';
import { checkPaths } from '../../executor/commands/doctor-paths';
import type { Settings } from '../../executor/settings/types';
import { settingsIn } from './doctor-fixture';

/** doctor's checks of directories, files and the image, in temp dirs. */
let root: string;
beforeEach(() => (root = mkdtempSync('/var/tmp/doctor-checks-')));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function pathsWith(change?: (s: Settings) => void): Record<string, string> {
  const found = checkPaths(settingsIn(root, change));

  return Object.fromEntries(
    found.map((f) => [f.check, `${f.verdict}: ${f.text}`]),
  );
}

describe('the directories and files', () => {
  test('dirs still to be made, under writable parents, are fine', () => {
    const found = pathsWith();

    expect(found['builds dir']).toMatch(/^ok: .* will be created/);
    expect(found['state dir']).toMatch(/^ok: .* will be created/);
    expect(found['records file']).toBe(
      `ok: ${root}/state/jobs.jsonl will be appended to`,
    );
    expect(found['metrics file']).toBe('ok: not written');
  });

  test('a state dir others may enter; a file where a dir should be', () => {
    mkdirSync(join(root, 'state'));
    chmodSync(join(root, 'state'), 0o755);
    writeFileSync(join(root, 'cache'), '');
    const found = pathsWith();

    expect(found['state dir']).toBe(
      `warn: ${root}/state has mode 755; chmod 700 it`,
    );
    expect(found['cache dir']).toBe(`fix: ${root}/cache is not a directory`);
  });

  test('builds_dir outside /tmp in transfer mode, in /tmp when shared', () => {
    const transfer = pathsWith((s) => {
      s.workspace.builds_dir = join(root, 'b');
    });
    const shared = pathsWith((s) => {
      s.workspace.mode = 'shared';
    });

    expect(transfer['builds dir']).toMatch(
      /^warn: .* is not under \/tmp: in transfer mode/,
    );
    expect(shared['builds dir']).toMatch(
      /^fix: .* must be on a filesystem the execute nodes mount/,
    );
  });

  test('a metrics file the textfile collector would not read', () => {
    const found = pathsWith((s) => {
      s.logging.metrics_file = join(root, 'm.txt');
    });

    expect(found['metrics file']).toMatch(
      /^warn: .*m\.txt does not end in \.prom/,
    );
  });
});

describe('the default image', () => {
  type Mode = Settings['container']['mode'];
  const image = (mode: Mode, path: string) =>
    checkDefaultImage(settingsIn(root, (s) => {
      Object.assign(s.container, { mode, default_image: path });
    }));

  test('an unpacked image with bash and tar, and one without', () => {
    const full = join(root, 'full');
    mkdirSync(join(full, 'usr', 'bin'), { recursive: true });
    writeFileSync(join(full, 'usr', 'bin', 'bash'), '');
    writeFileSync(join(full, 'usr', 'bin', 'tar'), '');
    mkdirSync(join(root, 'empty'));

    expect(image('container_image', full)).toMatchObject({ verdict: 'ok' });
    expect(image('container_image', join(root, 'empty'))).toMatchObject({
      verdict: 'warn',
      text: expect.stringContaining('has no bash or tar'),
    });
  });

  test.each<[Mode, string, string]>([
    ['container_image', '/cvmfs/unpacked.cern.ch/x/y:latest/', 'warn'],
    ['singularity_image', '/nonexistent/image/', 'warn'],
    ['container_image', '/nonexistent/image/', 'fix'],
    ['container_image', 'docker://registry.cern.ch/cmssw/el9:x86_64', 'ok'],
    ['none', '', 'ok'],
  ])('%s %s: %s', (mode, path, verdict) => {
    expect(image(mode, path).verdict).toBe(verdict);
  });
});
