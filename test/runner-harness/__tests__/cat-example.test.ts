import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { runPipeline } from '../pipeline/run-pipeline';
import { createRepoFromDir } from '../repo-from-dir';
import { fakeDriver, useWorkspace } from './harness-fixtures';

const EXAMPLE = resolve(__dirname, '..', '..', '..', 'examples', 'cat-analysis');
const ws = useWorkspace();

interface HistogramFile {
  histograms: Record<string, { contents: number[]; entries: number }>;
  counters: Record<string, number>;
}

interface Ran {
  status: number | null;
  stderr: string;
}

function python(cwd: string, ...args: string[]): Ran {
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const done = spawnSync('python3', args, { cwd, env, encoding: 'utf8' });
  return { status: done.status, stderr: done.stderr };
}

function readHistograms(file: string): HistogramFile {
  return JSON.parse(readFileSync(file, 'utf8')) as HistogramFile;
}

test('the pipeline merges three shards into the unsharded result', async () => {
  const repo = join(ws.root, 'cat-analysis');
  await createRepoFromDir(EXAMPLE, repo);
  const result = await runPipeline({
    repoDir: repo,
    driver: fakeDriver(),
    env: { FAKE_BUILDS_DIR: ws.builds },
    artifactsDir: ws.artifacts,
    concurrency: 3,
  });

  expect(result.jobs.map((j) => [j.name, j.status])).toEqual([
    ['analysis 1/3', 'success'],
    ['analysis 2/3', 'success'],
    ['analysis 3/3', 'success'],
    ['merge', 'success'],
  ]);
  const out = join(ws.root, 'out');
  mkdirSync(out);
  const archive = result.jobs[3]?.result?.artifactsArchive ?? '';
  execFileSync('tar', ['-xzf', archive, '-C', out]);
  const merged = readHistograms(join(out, 'merged', 'histograms.json'));

  const unsharded = python(repo, 'analysis/select_events.py',
    '--input', 'data/dimuon_events.csv',
    '--shard', '1', '--shards', '1', '--output', 'whole.json');
  expect(unsharded.status).toBe(0);
  const whole = readHistograms(join(repo, 'whole.json'));
  expect(merged.histograms).toEqual(whole.histograms);
  expect(merged.counters).toEqual(whole.counters);
  expect(merged.counters.all).toBe(3000);
});

test('the merge refuses an existing target and mismatched binning', () => {
  const dir = join(ws.root, 'merge');
  mkdirSync(dir);
  const scripts = join(EXAMPLE, 'analysis');
  const shard = (n: number): string => join(dir, `shard-${n}.json`);
  for (const n of [1, 2]) {
    expect(python(dir, join(scripts, 'select_events.py'), '--input',
      join(EXAMPLE, 'data', 'dimuon_events.csv'), '--shard', String(n),
      '--shards', '2', '--output', shard(n)).status).toBe(0);
  }

  const target = join(dir, 'merged.json');
  const merge = (...flags: string[]): Ran =>
    python(dir, join(scripts, 'merge_histograms.py'), ...flags, target,
      shard(1), shard(2));
  expect(merge().status).toBe(0);
  const again = merge();
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('already exists');

  const other = readHistograms(shard(2)) as unknown as {
    histograms: Record<string, { binning: { nbins: number } }>;
  };
  const mass = other.histograms.dimuon_mass;
  if (mass) {
    mass.binning.nbins = 30;
  }
  writeFileSync(shard(2), JSON.stringify(other));
  const mismatch = merge('-f');
  expect(mismatch.status).toBe(1);
  expect(mismatch.stderr).toMatch(/binning of dimuon_mass/);
});
