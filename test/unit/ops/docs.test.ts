import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultSettings } from '../../../executor/settings/defaults';
import { judgeHold } from '../../../executor/stages/remote/holds';

/** The guides must keep up with the code they describe. */
const repo = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(repo, path), 'utf8');

/** The text of one `### [section]` of the admin guide's settings chapter. */
function settingsSection(name: string): string {
  const guide = read('docs/admin-guide.md');
  const start = guide.indexOf(`### \`[${name}]\``);
  const end = guide.indexOf('\n#', start + 1);

  return start < 0 ? '' : guide.slice(start, end < 0 ? undefined : end);
}

const sections = Object.entries(defaultSettings());

test.each(sections)('the admin guide lists every key of [%s]', (name, keys) => {
  const section = settingsSection(name);
  const missing = Object.keys(keys).filter(
    (key) => !section.includes(`\`${key}\``),
  );

  expect(section).not.toBe('');
  expect(missing).toEqual([]);
});

test('every hold code the driver acts on has a row in troubleshooting', () => {
  const table = read('docs/troubleshooting.md')
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => Number(line.split('|')[1]));
  const reasons = [
    '',
    'memory usage exceeded',
    'disk usage exceeded',
    'time limit exceeded',
  ];
  const actsOn = (holdCode: number) =>
    reasons.some((holdReason) => {
      const verdict = judgeHold({ holdCode, holdSubcode: 0, holdReason });
      return verdict.kind !== 'unknown';
    });
  const acted = Array.from({ length: 200 }, (_, code) => code).filter(actsOn);

  expect(acted.length).toBeGreaterThan(5);
  expect(acted.filter((code) => !table.includes(code))).toEqual([]);
});

test('links between the guides lead somewhere', () => {
  const guides = readdirSync(join(repo, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`);
  const files = ['README.md', ...guides];
  const broken = files.flatMap((file) =>
    [...read(file).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((m) => m[1] as string)
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(resolve(repo, dirname(file), target)))
      .map((target) => `${file} -> ${target}`),
  );

  expect(broken).toEqual([]);
});
