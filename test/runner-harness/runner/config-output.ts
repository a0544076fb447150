/**
 * config_exec's stdout, read as one JSON document like the runner's single
 * json.Unmarshal: log lines, trailing text or a wrong type are errors.
 */

export interface ConfigOutput {
  builds_dir?: string;
  cache_dir?: string;
  builds_dir_is_shared?: boolean;
  hostname?: string;
  driver?: { name?: string; version?: string };
  job_env?: Record<string, string>;
  shell?: string;
}

const STRING_KEYS = ['builds_dir', 'cache_dir', 'hostname', 'shell'] as const;

export function parseConfigOutput(stdout: string): ConfigOutput {
  if (stdout.trim() === '') {
    return {};
  }

  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch (err) {
    const reason = (err as Error).message;
    throw new Error(`error while parsing JSON output: ${reason}`);
  }
  if (doc === null) {
    return {};
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw typeError('', 'object');
  }
  checkTypes(doc as Record<string, unknown>);
  return doc as ConfigOutput;
}

function checkTypes(doc: Record<string, unknown>): void {
  for (const key of STRING_KEYS) {
    expectType(doc[key], 'string', key);
  }
  expectType(doc.builds_dir_is_shared, 'boolean', 'builds_dir_is_shared');
  if (doc.driver !== undefined && doc.driver !== null) {
    expectObject(doc.driver, 'driver');
    const driver = doc.driver as Record<string, unknown>;
    expectType(driver.name, 'string', 'driver.name');
    expectType(driver.version, 'string', 'driver.version');
  }
  if (doc.job_env !== undefined && doc.job_env !== null) {
    expectObject(doc.job_env, 'job_env');
    for (const [key, value] of Object.entries(doc.job_env as object)) {
      expectType(value, 'string', `job_env.${key}`);
    }
  }
}

function expectType(value: unknown, type: string, field: string): void {
  if (value !== undefined && value !== null && typeof value !== type) {
    throw typeError(field, type);
  }
}

function expectObject(value: unknown, field: string): void {
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw typeError(field, 'object');
  }
}

function typeError(field: string, type: string): Error {
  const where = field === '' ? 'the document' : `field ${field}`;
  return new Error(
    `error while parsing JSON output: ${where} must be of type ${type}`,
  );
}
