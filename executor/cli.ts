import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Script } from 'node:vm';

type CliMain = typeof import('./cli-main');

/** Written by `npm run build` (cli-bundle.ts) next to this file. */
export const BUNDLE_FILE = 'cli-main.bundle.js';
export const CODE_CACHE_FILE = 'cli-main.bundle.cache';

let bundleScript: Script | undefined;

/** The function every CommonJS module body runs in, as Node wraps it. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';

/**
 * What bin/ runs. Every CI job starts the driver a dozen times, so the
 * driver is shipped as one bundled file plus V8's compiled code for it:
 * that starts faster than resolving and compiling some twenty modules.
 * Without a current bundle (a plain `tsc` build) the modules are loaded.
 */
export function main(argv: string[]): void {
  const cli = loadBundle() ?? (require('./cli-main') as CliMain);
  cli.main(argv);
}

/**
 * The bundle, unless it is missing or older than the modules it was made
 * from: a later `tsc` run rewrites them all, and then they win.
 */
function loadBundle(): CliMain | undefined {
  const file = join(__dirname, BUNDLE_FILE);
  let source: string;
  let stamp: string;
  try {
    const bundle = statSync(file);
    if (bundle.mtimeMs < statSync(join(__dirname, 'cli-main.js')).mtimeMs) {
      return undefined;
    }
    stamp = `${bundle.size}:${bundle.mtimeMs}`;
    // esbuild writes ASCII only, which latin1 decodes without a UTF-8 pass.
    source = readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }

  const { Script } = require('node:vm') as typeof import('node:vm');
  bundleScript = new Script(`${WRAPPER}${source}\n});`, {
    filename: file,
    cachedData: readCodeCache(stamp),
  });
  const mod = { exports: {} as CliMain };
  const init = bundleScript.runInThisContext() as (...args: unknown[]) => void;
  init.call(mod.exports, mod.exports, require, mod, file, __dirname);

  return mod.exports;
}

/**
 * V8's code cache for the bundle, if it was made for this very file: the
 * first line names the bundle's size and mtime. V8 itself rejects a cache
 * from another Node.js version.
 */
function readCodeCache(stamp: string): Buffer | undefined {
  try {
    const data = readFileSync(join(__dirname, CODE_CACHE_FILE));
    const newline = data.indexOf(0x0a);
    if (data.subarray(0, newline).toString() !== stamp) return undefined;

    return data.subarray(newline + 1);
  } catch {
    return undefined;
  }
}

/**
 * For the build only: saves the code compiled so far in this process, so
 * that later starts skip compiling it. Returns false without a bundle.
 */
export function writeCodeCache(): boolean {
  if (!bundleScript) return false;
  const bundle = statSync(join(__dirname, BUNDLE_FILE));
  const stamp = Buffer.from(`${bundle.size}:${bundle.mtimeMs}\n`);
  const target = join(__dirname, CODE_CACHE_FILE);
  const data = Buffer.concat([stamp, bundleScript.createCachedData()]);
  writeFileSync(`${target}.${process.pid}`, data);
  renameSync(`${target}.${process.pid}`, target);

  return true;
}
