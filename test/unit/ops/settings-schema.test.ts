import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { defaultSettings } from '../../../executor/settings/defaults';
import { settingsSchema } from '../../../executor/settings/schema';

/**
 * docs/settings.schema.json is what editors check settings files with. It
 * must say what the driver itself accepts, with today's defaults.
 */
const repo = resolve(__dirname, '../../..');
const script = join(repo, 'scripts', 'publish-settings-schema.js');
const { renderPublishedSchema, OUT } = require(script) as {
  renderPublishedSchema: (schema: object, defaults: object) => string;
  OUT: string;
};
const published = (): Record<string, any> =>
  JSON.parse(readFileSync(OUT, 'utf8'));

function validator() {
  const Ajv = require('ajv') as typeof import('ajv').default;

  return new Ajv({ allErrors: true, strict: false }).compile(published());
}

test('the published schema is current (else: npm run schema)', () => {
  const expected = renderPublishedSchema(settingsSchema, defaultSettings());

  expect(readFileSync(OUT, 'utf8')).toBe(expected);
});

test('every setting is there with its default', () => {
  const sections = published().properties;
  for (const [name, values] of Object.entries(defaultSettings())) {
    for (const [key, value] of Object.entries(values)) {
      const given = sections[name].properties[key]?.default;
      expect([`${name}.${key}`, given]).toEqual([`${name}.${key}`, value]);
    }
  }
});

test('config.example.toml passes the published schema', () => {
  const validate = validator();
  const text = readFileSync(join(repo, 'config.example.toml'), 'utf8');
  const example = parse(text);

  expect([validate(example), validate.errors]).toEqual([true, null]);
});

test('a misspelt key or a wrong type fails it, as it fails the driver', () => {
  const validate = validator();
  const dir = mkdtempSync(join(tmpdir(), 'schema-'));
  try {
    const text = '[workspace]\nbuild_dir = "/x"\n[resources]\ncpus = "4"\n';
    writeFileSync(join(dir, 'c.toml'), text);
    const bad = parse(readFileSync(join(dir, 'c.toml'), 'utf8'));

    expect(validate(bad)).toBe(false);
    const where = validate.errors?.map((e) => e.instancePath).sort();
    expect(where).toEqual(['/resources/cpus', '/workspace']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
