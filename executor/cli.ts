import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Script } from 'node:vm';

type CliMain = typeof import('./cli-main');
/** An entry that takes some calls and returns false for the rest. */
type QuickEntry = { main(argv: string[]): boolean };

/**
 * The bundles `npm run build` writes next to this file (cli-bundle.ts):
 * each is one file made from an entry module and what it requires, with
 * V8's compiled code for it beside it.
 */
export const BUNDLES = {
  /** `config` only. */
  config: { entry: 'cli-config', file: 'cli-config.bundle.js', cache: 'cli-config.bundle.cache' },
  /** Local stages, once `config` has named the remote ones. */
  local: { entry: 'cli-local', file: 'cli-local.bundle.js', cache: 'cli-local.bundle.cache' },
  /** The whole driver. */
  whole: { entry: 'cli-main', file: 'cli-main.bundle.js', cache: 'cli-main.bundle.cache' },
} as const;

type Bundle = (typeof BUNDLES)[keyof typeof BUNDLES];

const loaded = new Map<Bundle, Script>();

/** The function every CommonJS module body runs in, as Node wraps it. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';

/**
 * What bin/ runs. Every CI job starts the driver a dozen times, so the
 * driver is shipped as bundled files plus V8's compiled code for them:
 * that starts faster than resolving and compiling some twenty modules.
 * `config` and local stages each have a small bundle of their own; what
 * one of those leaves goes to the whole driver. Without current bundles (a
 * plain `tsc` build) the modules are loaded. `whole` skips the small
 * bundles (for the build's warm-up of the whole driver's code cache).
 */
export function main(argv: string[], o: { whole?: boolean } = {}): void {
  const quick = o.whole ? undefined : quickBundleFor(argv[0]);
  if (quick && loadBundle<QuickEntry>(quick)?.main(argv)) return;

  const cli = loadBundle<CliMain>(BUNDLES.whole) ?? (require('./cli-main') as CliMain);
  cli.main(argv);
}

/** gitlab-runner names the command first (config_args, run_args). */
function quickBundleFor(command: string | undefined): Bundle | undefined {
  if (command === 'config') return BUNDLES.config;
  if (command === 'run') return BUNDLES.local;

  return undefined;
}

/**
 * A bundle, unless it is missing or older than the module it was made
 * from: a later `tsc` run rewrites them all, and then they win.
 */
function loadBundle<T>(bundle: Bundle): T | undefined {
  const file = join(__dirname, bundle.file);
  let source: string;
  let stamp: string;
  try {
    const stat = statSync(file);
    if (stat.mtimeMs < statSync(join(__dirname, `${bundle.entry}.js`)).mtimeMs) {
      return undefined;
    }
    stamp = `${stat.size}:${stat.mtimeMs}`;
    // esbuild writes ASCII only, which latin1 decodes without a UTF-8 pass.
    source = readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }

  const { Script } = require('node:vm') as typeof import('node:vm');
  const script = new Script(`${WRAPPER}${source}\n});`, {
    filename: file,
    cachedData: readCodeCache(bundle, stamp),
  });
  loaded.set(bundle, script);
  const mod = { exports: {} as T };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init.call(mod.exports, mod.exports, require, mod, file, __dirname);

  return mod.exports;
}

/**
 * V8's code cache for a bundle, if it was made for this very file: the
 * first line names the bundle's size and mtime. V8 itself rejects a cache
 * from another Node.js version.
 */
function readCodeCache(bundle: Bundle, stamp: string): Buffer | undefined {
  try {
    const data = readFileSync(join(__dirname, bundle.cache));
    const newline = data.indexOf(0x0a);
    if (data.subarray(0, newline).toString() !== stamp) return undefined;

    return data.subarray(newline + 1);
  } catch {
    return undefined;
  }
}

/**
 * Which bundles this process loaded, and whether V8 took each one's code
 * cache: for tests, and for anyone checking a build.
 */
export function loadedBundles(): { file: string; cacheUsed: boolean }[] {
  return [...loaded].map(([bundle, script]) => ({
    file: bundle.file,
    cacheUsed: script.cachedDataRejected === false,
  }));
}

/**
 * For the build only: saves the code compiled so far in this process for
 * each bundle it loaded, so that later starts skip compiling it. Returns
 * how many caches it wrote.
 */
export function writeCodeCache(): number {
  for (const [bundle, script] of loaded) {
    const stat = statSync(join(__dirname, bundle.file));
    const stamp = Buffer.from(`${stat.size}:${stat.mtimeMs}\n`);
    const target = join(__dirname, bundle.cache);
    const data = Buffer.concat([stamp, script.createCachedData()]);
    writeFileSync(`${target}.${process.pid}`, data);
    renameSync(`${target}.${process.pid}`, target);
  }

  return loaded.size;
}
