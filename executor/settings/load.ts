import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../errors';
import { defaultSettings } from './defaults';
import { checkRules } from './rules';
import type { Settings } from './types';

/**
 * Reads the admin's TOML file, fills defaults, then checks shape and rules,
 * reporting every problem at once (key, expected form, value).
 */
export function loadSettings(file: string): Settings {
  const raw = readToml(file);
  const problems = checkShape(raw);
  if (problems.length > 0) throw new ConfigurationError(file, problems);

  const settings = mergeDefaults(raw as Partial<Settings>);
  const ruleProblems = checkRules(settings);
  if (ruleProblems.length > 0) throw new ConfigurationError(file, ruleProblems);

  return settings;
}

function readToml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(file, [`cannot read the file (${code})`]);
  }

  try {
    // Loaded here, not at the top: `config` pays for it only once.
    const { parse } = require('smol-toml') as typeof import('smol-toml');
    return parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    throw new ConfigurationError(file, [`not valid TOML: ${message}`]);
  }
}

type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

function checkShape(raw: unknown): string[] {
  const validate = loadValidator();
  if (validate(raw)) return [];

  return (validate.errors ?? []).map((e) => describeSchemaError(e, raw));
}

type AjvError = import('ajv').ErrorObject;

function describeSchemaError(e: AjvError, raw: unknown): string {
  const key = keyOf(e);
  const value = valueAt(raw, e.instancePath);
  const shown = value === undefined ? '' : `, got ${JSON.stringify(value)}`;
  if (e.keyword === 'additionalProperties') {
    return `${key}: unknown setting (check the spelling)`;
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
    return `${key}: expected one of ${allowed.join(', ')}${shown}`;
  }
  if (e.keyword === 'pattern') {
    return `${key}: expected ${describedForm(e.schemaPath) ?? 'another form'}${shown}`;
  }

  return `${key}: ${e.message}${shown}`;
}

/**
 * The description of the schema node that holds a failed keyword, looked
 * up by the error's schema path (`#/properties/a/properties/b/pattern`):
 * the validator is generated without ajv's verbose errors, which carry the
 * node along but make the code every call loads a fifth larger.
 */
function describedForm(schemaPath: string): string | undefined {
  const { settingsSchema } = require('./schema') as typeof import('./schema');
  let node: unknown = settingsSchema;
  for (const part of schemaPath.split('/').slice(1, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  const description = (node as { description?: unknown } | undefined)?.description;

  return typeof description === 'string' ? description : undefined;
}

function keyOf(e: AjvError): string {
  const parts = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'additionalProperties') parts.push(e.params.additionalProperty);

  return parts.join('.') || '(top level)';
}

function valueAt(raw: unknown, pointer: string): unknown {
  let node: unknown = raw;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }

  return pointer ? node : undefined;
}

function mergeDefaults(raw: Partial<Settings>): Settings {
  const merged = defaultSettings();
  for (const name of Object.keys(merged) as (keyof Settings)[]) {
    Object.assign(merged[name], raw[name] ?? {});
  }

  return merged;
}

/** The validator generated at build time, or one compiled now. */
function loadValidator(): Validate {
  try {
    return require('./validate-settings') as Validate;
  } catch {
    const Ajv = require('ajv') as typeof import('ajv').default;
    const { settingsSchema } = require('./schema') as typeof import('./schema');
    const ajv = new Ajv({ allErrors: true, strict: false });
    return ajv.compile(settingsSchema) as Validate;
  }
}
