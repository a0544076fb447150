import { settingsSchema } from '../../../executor/settings/schema';
import { isRemoteStage, remoteStagesFromEnv, STAGE_PATTERN } from '../../../executor/stages/plan';

const fromEnv = (text: string) => remoteStagesFromEnv({ HTCONDOR_EXECUTOR_REMOTE_STAGES: text });

test('the list config hands out is read back', () => {
  expect(fromEnv('["build_script","step_*","after_script"]')).toEqual(['build_script', 'step_*', 'after_script']);
  expect(fromEnv('[]')).toEqual([]);
  expect(remoteStagesFromEnv({})).toBeUndefined();
});

test.each([
  'build_script',
  '{"0":"build_script"}',
  '[["build_script"]]',
  '[1]',
  '[null]',
  '["*"]',
  '["****************************x"]',
  `["${'*'.repeat(120_000)}x"]`,
  '["Build_Script"]',
  '["build script"]',
  '["step_*_x"]',
  'null',
  '',
])('a list the settings would not accept is ignored: %p', (text) => {
  expect(fromEnv(text)).toBeUndefined();
});

test('entries follow the same rule as remote_stages in the settings', () => {
  const workspace = settingsSchema.properties.workspace as { properties: Record<string, { items: { pattern: string } }> };
  expect(workspace.properties.remote_stages?.items.pattern).toBe(STAGE_PATTERN.source);
});

test('names and prefixes match as in the settings', () => {
  const list = ['build_script', 'step_*'];
  expect(isRemoteStage('build_script', list)).toBe(true);
  expect(isRemoteStage('step_run', list)).toBe(true);
  expect(isRemoteStage('get_sources', list)).toBe(false);
  expect(isRemoteStage('build_script_x', list)).toBe(false);
});
