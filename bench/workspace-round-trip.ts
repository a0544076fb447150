import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from './lib/options';
import { makeTempDir } from './lib/paths';
import { atMost, type Figure } from './lib/report';
import { describeMs, median } from './lib/stats';
import { writeTree, type TreePaths } from './lib/tree';
import { bytesBackAfterChange } from './workspace-change';

/**
 * The driver's side of a transfer-mode workspace, out (pack) and back
 * (apply a job's archive holding the whole tree, as GNU tar in the job
 * wrapper writes it), against GNU tar creating and extracting the same tree.
 */
export async function benchWorkspace(o: BenchOptions): Promise<Figure[]> {
  const temp = makeTempDir('bench-workspace');
  try {
    const paths = treePaths(temp.path);
    writeTree(paths.project, o.workspaceBytes, o.workspaceFiles);
    writeJobArchive(paths, join(temp.path, 'back.tar'));
    const times = { pack: [] as number[], apply: [] as number[] };
    const tar = { create: [] as number[], extract: [] as number[] };
    // Alternating who goes first: each side also pays for the disk work
    // (freeing deleted trees, writing back) that the other leaves behind.
    for (let i = 0; i < o.workspaceReps; i += 1) {
      if (i % 2 === 0) timeDriver(paths, i, times);
      timeTar(paths, i, tar);
      if (i % 2 === 1) timeDriver(paths, i, times);
    }

    return [
      roundTripFigure(o, times, tar),
      bytesBackAfterChange(paths, o.workspaceBytes / o.workspaceFiles),
    ];
  } finally {
    temp.remove();
  }
}

function treePaths(dir: string): TreePaths {
  const src = join(dir, 'src');

  return { dir, src, project: join(src, 'project') };
}

/** Everything, as the wrapper packs changes: GNU format, listed paths. */
function writeJobArchive(p: TreePaths, archive: string): void {
  const list = join(p.dir, 'all-paths');
  const found = execFileSync('find', ['project', 'project.tmp', '-print0'], {
    cwd: p.src,
    maxBuffer: 1 << 30,
  });
  writeFileSync(list, found);
  execFileSync('tar', [
    '-c', '-f', archive, '--format=gnu', '--null', '--no-recursion',
    '-C', p.src, '-T', list,
  ]);
}

function timeDriver(
  p: TreePaths,
  rep: number,
  times: { pack: number[]; apply: number[] },
) {
  const out = join(p.dir, 'out.tar');
  const dest = join(p.dir, `apply-${rep}`);
  const none = join(p.dir, 'deleted-none.bin');
  writeFileSync(none, '');
  mkdirSync(join(dest, 'project'), { recursive: true });
  times.pack.push(workspaceOp(['pack', p.project, out], p.src));
  rmSync(out, { force: true });
  const back = join(p.dir, 'back.tar');
  const apply = ['apply', join(dest, 'project'), back, none];
  times.apply.push(workspaceOp(apply, back));
  rmSync(dest, { recursive: true, force: true });
}

function timeTar(
  p: TreePaths,
  rep: number,
  tar: { create: number[]; extract: number[] },
) {
  const archive = join(p.dir, 'tar.tar');
  const dest = join(p.dir, `tar-${rep}`);
  mkdirSync(dest);
  tar.create.push(
    timed('tar', ['-cf', archive, '-C', p.src, 'project', 'project.tmp'], p.src),
  );
  tar.extract.push(timed('tar', ['-xf', archive, '-C', dest], archive));
  rmSync(archive, { force: true });
  rmSync(dest, { recursive: true, force: true });
}

/**
 * Before each timed step the same state for both sides: what it reads
 * freshly read (this machine's page cache keeps little for long), written
 * data on disk, and a moment for what the kernel still does in the
 * background after large deletions.
 */
function settle(input: string): void {
  spawnSync('sh', ['-c', 'find "$1" -type f -exec cat {} + > /dev/null', 'sh', input]);
  spawnSync('sync');
  spawnSync('sleep', ['1']);
}

/** Runs a workspace operation of the driver; its own timing. */
function workspaceOp(args: string[], input: string): number {
  settle(input);
  const script = join(__dirname, 'workspace-op.js');
  const result = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`workspace ${args[0]} failed: ${result.stderr.trim()}`);
  }

  return Number(result.stdout.trim());
}

function timed(file: string, args: string[], input: string): number {
  settle(input);
  const start = performance.now();
  const result = spawnSync(file, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')}: ${result.stderr.trim()}`);
  }

  return performance.now() - start;
}

function roundTripFigure(
  o: BenchOptions,
  d: { pack: number[]; apply: number[] },
  t: { create: number[]; extract: number[] },
): Figure {
  const driver = d.pack.map((ms, i) => ms + (d.apply[i] ?? NaN));
  const tar = t.create.map((ms, i) => ms + (t.extract[i] ?? NaN));
  const ratio = median(driver) / median(tar);
  const size = `${(o.workspaceBytes / 2 ** 20).toFixed(0)} MiB`;

  return {
    name: `workspace out and back: ${size} in ${o.workspaceFiles} files`,
    value: ratio,
    unit: 'x',
    target: atMost(1.3, '<= 1.3x'),
    baseline: 'GNU tar create + extract',
    ratio,
    raw: [
      `driver pack + apply: ${describeMs(driver)}`,
      `  pack: ${describeMs(d.pack)}`,
      `  apply: ${describeMs(d.apply)}`,
      `tar create + extract: ${describeMs(tar)}`,
      `  create: ${describeMs(t.create)}`,
      `  extract: ${describeMs(t.extract)}`,
    ],
  };
}
