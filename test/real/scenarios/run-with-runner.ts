import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import {
  buildJobPayload, startFakeCoordinator, type FakeCoordinator,
} from '../../fake-coordinator';
import type { SimWorld } from '../../integration/sim-job';
import { listArchive } from './list-archive';
import { runnerConfigToml } from './runner-config';
import type { Scenario, ScenarioRun } from './scenario-types';

const RUNNER_TOKEN = 'glrt-real-test-token';

/** One scenario through `gitlab-runner run-single` and the fake coordinator. */
export async function runWithRunner(
  scenario: Scenario,
  world: SimWorld,
  binary: string,
): Promise<ScenarioRun> {
  const spec = world.job(await scenario.job(world));
  const repoUrl = `file://${spec.repoUrl}`;
  let seen = '';
  const gl: FakeCoordinator = await startFakeCoordinator({
    runnerToken: RUNNER_TOKEN,
    job: (url) => buildJobPayload({ spec: { ...spec, repoUrl }, serverUrl: url }),
    onTrace: (text) => {
      seen += text;
      if (scenario.cancelAfter && seen.includes(scenario.cancelAfter)) gl.requestCancel();
    },
  });
  try {
    const log = await runSingle(gl, world, binary, (spec.timeoutS ?? 60) + 60);
    const final = await gl.waitForFinal(1000).catch((err: Error) => {
      const odd = gl.unexpected.join(', ');
      throw new Error(`${err.message}; unexpected requests: ${odd}\n${log}`);
    });
    if (!final.checksumMatches) {
      throw new Error('the final checksum does not match the stored trace');
    }
    const { status, failureReason, exitCode } = final;
    return { status, failureReason, exitCode, ...recorded(gl, world), world };
  } finally {
    await gl.close();
  }
}

/** Trace, trace pieces and artifacts as the coordinator stored them. */
function recorded(gl: FakeCoordinator, world: SimWorld) {
  const archive = gl.record.artifacts[0];
  const archiveFile = join(world.root, 'uploaded-artifacts.zip');
  if (archive) writeFileSync(archiveFile, archive.data);
  const accepted = gl.record.patches.filter((p) => p.status === 202);
  return {
    backend: 'gitlab-runner' as const,
    trace: gl.record.trace.toString('utf8'),
    traceChunks: accepted.map(({ at, text }) => ({ at, text })),
    artifactEntries: archive ? listArchive(archiveFile) : [],
    cancelAt: gl.record.cancelSentAt,
  };
}

/** Runs the runner until it has done one job; resolves with its own log. */
function runSingle(
  gl: FakeCoordinator,
  world: SimWorld,
  binary: string,
  limitS: number,
): Promise<string> {
  const config = join(world.root, 'runner-config.toml');
  writeFileSync(config, runnerConfigToml({ url: gl.url, token: RUNNER_TOKEN, world }));
  const env = {
    ...process.env,
    ...world.options().env,
    PATH: `${dirname(binary)}${delimiter}${process.env.PATH ?? ''}`,
  };
  const args = ['run-single', '-c', config, '-r', 'real-test', '--max-builds', '1'];
  const child = spawn(binary, [...args, '--wait-timeout', '30'], {
    cwd: world.root, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), limitS * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(log);
      else reject(new Error(`gitlab-runner run-single exited ${code}:\n${log}`));
    });
  });
}
