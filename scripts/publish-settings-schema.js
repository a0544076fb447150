#!/usr/bin/env node
'use strict';
/**
 * Writes docs/settings.schema.json for editors that check and complete
 * TOML against a JSON Schema: the schema the driver checks settings files
 * with (executor/settings/schema.ts), each key with its default. Reads the
 * build, so run it as `npm run schema`. A test fails while the published
 * file differs from what this would write.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OUT = join(__dirname, '..', 'docs', 'settings.schema.json');

/** The published text: stable key order, two-space indent, final newline. */
function renderPublishedSchema(schema, defaults) {
  const published = {
    ...withDefaults(schema, defaults),
    $comment:
      'Generated from executor/settings/schema.ts by ' +
      'scripts/publish-settings-schema.js (npm run schema); do not edit.',
  };

  return `${JSON.stringify(published, null, 2)}\n`;
}

/** Tables are walked; every other key gets its default beside it. */
function withDefaults(node, value) {
  if (!node.properties) {
    return value === undefined ? node : { ...node, default: value };
  }
  const properties = {};
  for (const [key, child] of Object.entries(node.properties)) {
    properties[key] = withDefaults(child, value && value[key]);
  }

  return { ...node, properties };
}

function main() {
  const dist = join(__dirname, '..', 'dist', 'executor', 'settings');
  const { settingsSchema } = require(join(dist, 'schema.js'));
  const { defaultSettings } = require(join(dist, 'defaults.js'));
  writeFileSync(OUT, renderPublishedSchema(settingsSchema, defaultSettings()));
  process.stdout.write(`wrote ${OUT}\n`);
}

module.exports = { renderPublishedSchema, OUT };

if (require.main === module) main();
