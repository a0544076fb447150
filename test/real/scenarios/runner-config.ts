import { ourDriver } from '../../runner-harness';
import type { SimWorld } from '../../integration/sim-job';

/** TOML string or string array. */
function toml(value: string | string[]): string {
  if (!Array.isArray(value)) return JSON.stringify(value);
  return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** `[runners.custom]` lines: our driver for all four calls. */
function customLines(settingsFile: string): string[] {
  const d = ourDriver(settingsFile);
  const keys: [string, string | string[] | undefined][] = [
    ['config_exec', d.configExec], ['config_args', d.configArgs],
    ['prepare_exec', d.prepareExec], ['prepare_args', d.prepareArgs],
    ['run_exec', d.runExec], ['run_args', d.runArgs],
    ['cleanup_exec', d.cleanupExec], ['cleanup_args', d.cleanupArgs],
  ];
  return keys.flatMap(([k, v]) => (v === undefined ? [] : [`    ${k} = ${toml(v)}`]));
}

/**
 * config.toml for `run-single -c FILE -r real-test`: the custom executor
 * with our driver, as the README tells admins.
 */
export function runnerConfigToml(o: { url: string; token: string; world: SimWorld }): string {
  return [
    'concurrent = 1',
    'check_interval = 1',
    'shutdown_timeout = 60',
    '[[runners]]',
    '  name = "real-test"',
    `  url = ${toml(o.url)}`,
    `  token = ${toml(o.token)}`,
    '  executor = "custom"',
    '  shell = "bash"',
    `  builds_dir = ${toml(o.world.buildsDir)}`,
    `  cache_dir = ${toml(`${o.world.root}/cache`)}`,
    '  [runners.custom]',
    ...customLines(o.world.settingsFile),
    '    graceful_kill_timeout = 30',
    '',
  ].join('\n');
}
