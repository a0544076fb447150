import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema } from './schema';

/**
 * Build step: writes the settings validator as plain code next to this
 * file (ajv's standalone mode), so that no call compiles the schema at run
 * time. load.ts falls back to compiling it when the file is missing.
 */
export function compileValidator(outFile: string): void {
  const Ajv = require('ajv') as typeof import('ajv').default;
  const standalone = require('ajv/dist/standalone').default as (ajv: unknown, v: unknown) => string;
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
  writeFileSync(outFile, standalone(ajv, ajv.compile(settingsSchema)));
}

if (require.main === module) compileValidator(join(__dirname, 'validate-settings.js'));
