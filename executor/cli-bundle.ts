import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLES } from './cli';
import { REMOTE_STAGES_ENV } from './stages/plan';

/**
 * Packages bundled with the driver: small, and on the path of `config` or
 * a local stage (the TOML parser, the helpers the generated settings
 * validator calls). The others are loaded from node_modules when a call
 * needs them (yargs for help, winston, execa and tar for remote stages).
 */
const BUNDLED_PACKAGES = [/^smol-toml$/, /^ajv\/dist\/runtime\//];

/**
 * Packages of many small modules that a remote stage loads: each becomes
 * one file of its own under vendor/, which loads in half the time, and the
 * bundle requires that file instead.
 */
const VENDORED_PACKAGES = ['winston', 'execa'];

/**
 * Build step after tsc: bundles each entry of BUNDLES (cli-main.js, the
 * whole driver; cli-config.js and cli-local.js, the calls every job makes
 * most) with what it requires into one file next to cli.js, then runs
 * `config` and a local stage through them so that V8's code cache holds
 * what those calls compile. Without esbuild the build goes on and cli.js
 * loads the modules instead.
 */
export async function buildCliBundle(dir: string): Promise<string> {
  for (const bundle of Object.values(BUNDLES)) {
    rmSync(join(dir, bundle.cache), { force: true });
    rmSync(join(dir, bundle.file), { force: true });
  }
  let esbuild: typeof import('esbuild');
  try {
    esbuild = require('esbuild') as typeof import('esbuild');
  } catch {
    return 'esbuild is not installed: the driver loads its modules one by one';
  }

  for (const name of VENDORED_PACKAGES) await vendorPackage(esbuild, dir, name);
  for (const bundle of Object.values(BUNDLES)) {
    await buildAtomically(join(dir, bundle.file), (outfile) =>
      esbuild.build({
        ...COMMON,
        entryPoints: [join(dir, `${bundle.entry}.js`)],
        outfile,
        plugins: [externalPackages()],
      }),
    );
  }

  return warmCodeCache(dir);
}

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // cli.ts reads the bundle as latin1, which is exact for ASCII only.
  charset: 'ascii',
  logLevel: 'warning',
} as const;

function vendorPackage(esbuild: typeof import('esbuild'), dir: string, name: string) {
  return buildAtomically(join(dir, 'vendor', `${name}.js`), (outfile) =>
    esbuild.build({
      ...COMMON,
      stdin: {
        contents: `module.exports = require(${JSON.stringify(name)});`,
        resolveDir: dir,
        sourcefile: `vendor-${name}.js`,
      },
      outfile,
    }),
  );
}

/** Concurrent builds never leave a half-written file where cli.js looks. */
async function buildAtomically(target: string, build: (out: string) => Promise<unknown>) {
  const temp = `${target}.${process.pid}.js`;
  await build(temp);
  renameSync(temp, target);
}

function externalPackages(): import('esbuild').Plugin {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
        if (BUNDLED_PACKAGES.some((p) => p.test(path))) return undefined;
        if (VENDORED_PACKAGES.includes(path)) {
          return { path: `./vendor/${path}.js`, external: true };
        }

        return { external: true };
      });
    },
  };
}

/**
 * Runs the calls whose start-up matters, each adding to the cache of the
 * bundle it went through: the small ones as gitlab-runner calls them (a
 * local stage with the job_env from config), then the whole driver, whose
 * remote stages use the same settings code.
 */
function warmCodeCache(dir: string): string {
  const work = mkdtempSync(join(tmpdir(), 'cli-bundle-'));
  try {
    const settings = join(work, 'config.toml');
    const script = join(work, 'script.sh');
    writeFileSync(settings, '[workspace]\nbuilds_dir = "/tmp/builds"\n');
    writeFileSync(script, 'true\n');
    const config = ['config', '--config', settings];
    const local = ['run', script, 'get_sources', '--config', settings];
    const jobEnv = { [REMOTE_STAGES_ENV]: JSON.stringify(['build_script']) };
    runCached(dir, config, { whole: false });
    runCached(dir, local, { whole: false, env: jobEnv });
    runCached(dir, config, { whole: true });
    runCached(dir, local, { whole: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const files = Object.values(BUNDLES).map((b) => b.file);
  return `bundled the driver into ${files.join(', ')}, each with a code cache`;
}

function runCached(
  dir: string,
  argv: string[],
  o: { whole: boolean; env?: Record<string, string> },
): void {
  const cli = JSON.stringify(join(dir, 'cli.js'));
  const code =
    `const cli = require(${cli});` +
    `process.on('exit', () => { if (cli.writeCodeCache() !== 1) process.exitCode = 3; });` +
    `cli.main(${JSON.stringify(argv)}, { whole: ${o.whole} });`;
  const result = spawnSync(process.execPath, ['-e', code], {
    env: { ...process.env, CUSTOM_ENV_CI_JOB_ID: '1', ...o.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`warming the code cache with \`${argv[0]}\` failed`);
  }
}

if (require.main === module) {
  buildCliBundle(__dirname).then(
    (note) => process.stdout.write(`${note}\n`),
    (error: unknown) => {
      process.stderr.write(`cli bundle: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
