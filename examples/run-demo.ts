/**
 * `npm run demo`: runs the CAT-style example pipeline (examples/cat-analysis)
 * through the executor and the bundled HTCondor simulator on this machine,
 * exactly as gitlab-runner would call the executor, then copies the merged
 * histograms to ./demo-output/histograms.json.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import { join, resolve } from 'path';
import { stringify } from 'smol-toml';
import { promisify } from 'util';
import {
  createRepoFromDir,
  DriverSpec,
  findRepoRoot,
  formatPipelineSummary,
  JobLogPrinter,
  ourDriver,
  PipelineResult,
  runPipeline,
} from '../test/runner-harness';

const run = promisify(execFile);

export interface DemoOptions {
  /** The driver to run; this project's executor by default. */
  driver?: (settingsFile: string) => DriverSpec;
  /** Extra environment for the driver calls. */
  env?: Record<string, string>;
  /** Where histograms.json is copied; ./demo-output by default. */
  outputDir?: string;
  write?: (text: string) => void;
  colour?: boolean;
}

export async function runDemo(options: DemoOptions = {}): Promise<number> {
  const write =
    options.write ?? ((text: string) => void process.stdout.write(text));
  const repoRoot = findRepoRoot();
  const root = await fs.mkdtemp('/tmp/gitlab-htcondor-demo-');
  // The simulator's pool lives outside /tmp, like a real schedd's spool.
  const simHome = await fs.mkdtemp('/var/tmp/gitlab-htcondor-demo-sim-');
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    write(`Workspace: ${root}\n`);
    const repo = join(root, 'cat-analysis');
    await createRepoFromDir(join(repoRoot, 'examples', 'cat-analysis'), repo);
    const settings = await writeSettings(root, repoRoot);
    const result = await runExample(repo, root, {
      driver: (options.driver ?? ourDriver)(settings),
      env: { HTCONDOR_SIM_HOME: simHome, ...options.env },
      printer: new JobLogPrinter(write, options.colour ?? false),
      signal: abort.signal,
    });

    write(`\n${formatPipelineSummary(result)}`);
    if (result.status !== 'success') {
      return 1;
    }
    const output = resolve(options.outputDir ?? 'demo-output');
    const copied = await copyMergedResult(result, root, output);
    write(`Merged histograms: ${copied}\n`);
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(simHome, { recursive: true, force: true });
  }
}

async function writeSettings(root: string, repoRoot: string): Promise<string> {
  const file = join(root, 'settings.toml');
  const settings = {
    htcondor: { tool_dir: join(repoRoot, 'test', 'htcondor-sim', 'bin') },
    workspace: {
      builds_dir: join(root, 'builds'),
      cache_dir: join(root, 'cache'),
      state_dir: join(root, 'state'),
    },
  };
  await fs.writeFile(file, stringify(settings) + '\n');
  return file;
}

interface RunSetup {
  driver: DriverSpec;
  env: Record<string, string>;
  printer: JobLogPrinter;
  signal: AbortSignal;
}

function runExample(
  repo: string,
  root: string,
  setup: RunSetup,
): Promise<PipelineResult> {
  const { printer } = setup;
  return runPipeline({
    repoDir: repo,
    driver: { ...setup.driver, gracefulKillTimeoutS: 60 },
    env: setup.env,
    concurrency: 3,
    projectPath: 'cms-analysis/cat-analysis',
    artifactsDir: join(root, 'artifacts'),
    signal: setup.signal,
    onJobStart: (job) => printer.jobStarted(job.name),
    onTrace: (name, chunk) => printer.chunk(name, chunk),
    onJobEnd: (record) => printer.jobEnded(record.name),
  });
}

async function copyMergedResult(
  result: PipelineResult,
  root: string,
  outputDir: string,
): Promise<string> {
  const merge = result.jobs.find((job) => job.name === 'merge');
  const archive = merge?.result?.artifactsArchive;
  if (!archive) {
    throw new Error('the merge job kept no artifacts');
  }
  const unpacked = join(root, 'merge-artifacts');
  await fs.mkdir(unpacked, { recursive: true });
  await run('tar', ['-xzf', archive, '-C', unpacked]);

  const target = join(outputDir, 'histograms.json');
  await fs.mkdir(outputDir, { recursive: true });
  await fs.copyFile(join(unpacked, 'merged', 'histograms.json'), target);
  return target;
}

if (require.main === module) {
  runDemo({ colour: process.stdout.isTTY === true }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`demo failed: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
