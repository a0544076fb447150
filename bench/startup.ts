import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atMost, type Figure } from './lib/report';
import { describeMs, median } from './lib/stats';
import { driverBin, makeTempDir } from './lib/paths';
import {
  timeInterleaved,
  type Command,
  type Timings,
} from './lib/spawn-timer';
import type { BenchOptions } from './lib/options';

const TRIVIAL_SCRIPT = '#!/usr/bin/env bash\necho "trivial stage"\n';

/** The least any Node.js program pays to run a script with bash. */
const SPAWN_BASH =
  "require('child_process').spawn('bash', [process.argv[1]], " +
  "{ stdio: 'inherit' }).on('exit', (code) => process.exit(code));";

/** What an admin typically writes: a few keys in most sections. */
const SETTINGS = `[htcondor]
schedd = "schedd01.example.org"
submit_attempts = 3
[container]
mode = "singularity_image"
allowed_images = ["/cvmfs/unpacked.cern.ch/*"]
[workspace]
builds_dir = "/tmp/gitlab-htcondor/builds"
state_dir = "/var/tmp/gitlab-htcondor-executor"
[resources]
memory = "2GiB"
max_memory = "16GiB"
`;

/**
 * Whole-process start-up of `config` and of a local stage, each against a
 * bare Node.js start measured in the same interleaved run.
 */
export async function benchStartup(o: BenchOptions): Promise<Figure[]> {
  const dir = makeTempDir('bench-startup');
  try {
    const script = join(dir.path, 'script.sh');
    writeFileSync(script, TRIVIAL_SCRIPT, { mode: 0o700 });
    const settings = join(dir.path, 'config.toml');
    writeFileSync(settings, SETTINGS);
    const times = timeInterleaved(commandsFor(script, settings), o.startupReps);
    const get = (label: string) =>
      times.get(label) ?? { wallMs: [], cpuMs: NaN };

    return [configFigure(get('node'), get('config')), localFigure(get)];
  } finally {
    dir.remove();
  }
}

function commandsFor(script: string, settings: string): Command[] {
  const bin = driverBin();
  // As gitlab-runner calls a local stage: with the job_env config returned.
  const env = { ...process.env, CUSTOM_ENV_CI_JOB_ID: '1', ...jobEnvFrom(bin, settings) };

  return [
    { label: 'node', file: process.execPath, args: ['-e', '0'] },
    { label: 'config', file: bin, args: ['config', '--config', settings] },
    { label: 'bash', file: 'bash', args: [script] },
    {
      label: 'node+bash',
      file: process.execPath,
      args: ['-e', SPAWN_BASH, script],
    },
    {
      label: 'local',
      file: bin,
      args: ['run', script, 'get_sources', '--config', settings],
      env,
    },
  ];
}

function jobEnvFrom(bin: string, settings: string): Record<string, string> {
  const out = execFileSync(bin, ['config', '--config', settings], { encoding: 'utf8' });
  const answer = JSON.parse(out) as { job_env?: Record<string, string> };

  return answer.job_env ?? {};
}

function configFigure(node: Timings, config: Timings): Figure {
  const ratio = median(config.wallMs) / median(node.wallMs);

  return {
    name: 'config call, whole process',
    value: ratio,
    unit: 'x',
    target: atMost(1.3, 'median <= 1.3x'),
    baseline: 'node -e 0',
    ratio,
    raw: [
      `config: ${describeMs(config.wallMs)}`,
      `node -e 0: ${describeMs(node.wallMs)}`,
      `mean CPU per call: config ${describeCpu(config)}, ` +
        `node -e 0 ${describeCpu(node)}`,
    ],
  };
}

function localFigure(get: (label: string) => Timings): Figure {
  const node = get('node');
  const bash = get('bash');
  const local = get('local');
  const baseline = node.wallMs.map((ms, i) => ms + (bash.wallMs[i] ?? 0));
  const ratio = median(local.wallMs) / median(baseline);

  return {
    name: 'local stage (get_sources, trivial script), whole process',
    value: ratio,
    unit: 'x',
    target: atMost(1.3, 'median <= 1.3x'),
    baseline: 'node -e 0 + bash script',
    ratio,
    raw: [
      `driver run: ${describeMs(local.wallMs)}`,
      `node -e 0 + bash: ${describeMs(baseline)}`,
      `bash alone: ${describeMs(bash.wallMs)}`,
      `a bare node process starting bash: ${describeMs(get('node+bash').wallMs)}`,
      `mean CPU per call: driver run ${describeCpu(local)}, ` +
        `node -e 0 + bash ${(node.cpuMs + bash.cpuMs).toFixed(1)} ms`,
    ],
  };
}

function describeCpu(t: Timings): string {
  return `${t.cpuMs.toFixed(1)} ms`;
}
