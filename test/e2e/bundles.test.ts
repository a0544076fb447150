import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The driver as `npm run build` leaves it: config and local stages each
 * through a small bundle, everything else through the whole driver, each
 * with its code cache taken; and the modules when a bundle is older.
 */
const REPO = resolve(__dirname, '../..');
const DIST = join(REPO, 'dist', 'executor');

let work: string;
let settings: string;
let script: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'bundles-'));
  settings = join(work, 'config.toml');
  script = join(work, 'script.sh');
  writeFileSync(settings, `[workspace]\nbuilds_dir = "${join(work, 'builds')}"\n`);
  writeFileSync(script, 'echo local stage ran\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  bundles: { file: string; cacheUsed: boolean }[];
}

/** One call through cli.js in `dir`, reporting the bundles it loaded. */
function call(argv: string[], o: { dir?: string; env?: NodeJS.ProcessEnv } = {}): Outcome {
  const dir = o.dir ?? DIST;
  const report = join(work, `bundles-${Date.now()}-${Math.random()}.json`);
  const code =
    `const cli = require(${JSON.stringify(join(dir, 'cli.js'))});` +
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(cli.loadedBundles())));` +
    `cli.main(${JSON.stringify(argv)});`;
  const r = spawnSync(process.execPath, ['-e', code], {
    encoding: 'utf8',
    env: {
      ...process.env,
      CUSTOM_ENV_CI_JOB_ID: '7',
      BUILD_FAILURE_EXIT_CODE: '1',
      SYSTEM_FAILURE_EXIT_CODE: '2',
      ...o.env,
    },
  });
  const bundles = JSON.parse(require('node:fs').readFileSync(report, 'utf8')) as Outcome['bundles'];

  return { status: r.status, stdout: r.stdout, stderr: r.stderr, bundles };
}

/** What config hands the later calls, as gitlab-runner passes it on. */
function jobEnv(): NodeJS.ProcessEnv {
  return JSON.parse(call(['config', '--config', settings]).stdout).job_env;
}

test('config goes through its small bundle alone, with its code cache', () => {
  const r = call(['config', '--config', settings]);

  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ builds_dir: join(work, 'builds') });
  expect(r.bundles).toEqual([{ file: 'cli-config.bundle.js', cacheUsed: true }]);
});

test('a local stage after config goes through its small bundle alone, reading no settings', () => {
  const r = call(['run', script, 'get_sources', '--config', join(work, 'missing.toml')], { env: jobEnv() });

  expect(r.status).toBe(0);
  expect(r.stdout).toBe('local stage ran\n');
  expect(r.bundles).toEqual([{ file: 'cli-local.bundle.js', cacheUsed: true }]);
});

test('without the list from config, the whole driver reads the settings for a local stage', () => {
  const r = call(['run', script, 'get_sources', '--config', settings]);

  expect(r.status).toBe(0);
  expect(r.stdout).toBe('local stage ran\n');
  expect(r.bundles).toEqual([
    { file: 'cli-local.bundle.js', cacheUsed: true },
    { file: 'cli-main.bundle.js', cacheUsed: true },
  ]);
});

test('a stage the list names as remote goes to the whole driver, which reports a problem once', () => {
  // No CI variables for the job: the whole driver refuses the call.
  const env = { HTCONDOR_EXECUTOR_REMOTE_STAGES: '["get_sources"]' };
  const r = call(['run', script, 'get_sources', '--config', settings], { env });

  expect(r.status).toBe(2);
  expect(r.stdout).not.toContain('local stage ran');
  expect(r.bundles.map((b) => b.file)).toEqual(['cli-local.bundle.js', 'cli-main.bundle.js']);
  expect(r.stderr.match(/ERROR:/g)).toHaveLength(1);
});

test('with the list, a local stage reads no settings in whichever order the arguments come', () => {
  const missing = join(work, 'missing.toml');
  for (const argv of [
    ['run', script, 'get_sources', '--config', missing],
    ['--config', missing, 'run', script, 'get_sources'],
    [`--config=${missing}`, 'run', script, 'get_sources'],
  ]) {
    const r = call(argv, { env: jobEnv() });
    expect([r.status, r.stdout]).toEqual([0, 'local stage ran\n']);
  }
});

test('a list that is not one is ignored: the settings decide, and their problems are reported', () => {
  const broken = join(work, 'broken.toml');
  writeFileSync(broken, '[workspace\n');
  const env = { HTCONDOR_EXECUTOR_REMOTE_STAGES: 'build_script' };
  const r = call(['run', script, 'get_sources', '--config', broken], { env });

  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/not valid TOML/);
  expect(r.stderr.match(/ERROR:/g)).toHaveLength(1);
});

test('a bundle older than its modules is ignored, and the modules answer the same', () => {
  const copy = join(work, 'copy');
  cpSync(DIST, join(copy, 'executor'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
  cpSync(join(REPO, 'package.json'), join(copy, 'package.json'));
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(copy, 'executor', 'cli-config.js'), later, later);
  utimesSync(join(copy, 'executor', 'cli-main.js'), later, later);

  const fresh = call(['config', '--config', settings]);
  const stale = call(['config', '--config', settings], { dir: join(copy, 'executor') });

  expect(stale.bundles).toEqual([]);
  expect(stale.status).toBe(0);
  expect(JSON.parse(stale.stdout)).toEqual(JSON.parse(fresh.stdout));
});
