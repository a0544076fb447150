import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DriverSpec } from '../runner-harness';
import { REPO } from '../integration/driver-process';
import { readGuideSteps, type GuideStep } from './guide-steps';
import {
  driverFrom,
  makeWalkThroughHost,
  runGuidePipeline,
} from './walk-through-host';

/**
 * docs/admin-guide.md, followed as written on a host without the package
 * or a pool: npm installs the packed package into a prefix of its own
 * (from npm's cache, offline), and the HTCondor simulator stands in for
 * the pool. Only the system paths the guide names move into temp dirs,
 * and `sudo -u gitlab-runner` becomes this user (walk-through-host.ts).
 */
const guide = readFileSync(join(REPO, 'docs', 'admin-guide.md'), 'utf8');
const steps = readGuideSteps(guide);
const host = makeWalkThroughHost();
const outputs: string[] = [];
let tarball = '';
let driver: DriverSpec | undefined;

beforeAll(() => {
  expect(existsSync(join(REPO, 'dist', 'executor', 'cli.js'))).toBe(true);
  const name = execFileSync('npm', [
    'pack', '--pack-destination', host.root, '--silent',
  ], { cwd: REPO, env: { ...process.env, ...host.env }, encoding: 'utf8' });
  tarball = join(host.root, name.trim().split('\n').at(-1) ?? '');
  expect(existsSync(tarball)).toBe(true);
}, 60_000);

afterAll(() => host.remove());

/** The guide's text here; nothing may point outside the host's dirs. */
function localise(text: string): string {
  const local = host.localise(text, tarball);
  const rest = local
    .split(host.root)
    .join('HOST')
    .replace(/\/tmp\/walk-through-\w+/g, 'TMP');
  expect(rest).not.toMatch(/(^|[\s"'=])\/(etc|var|usr\/local|tmp)\//m);

  return local;
}

test('the guide marks the steps of an installation, in order', () => {
  expect(steps.map((s) => s.kind)).toEqual([
    'run', 'run', 'file', 'run', 'runner-config', 'pipeline', 'run', 'file',
  ]);
});

const named = steps.map((s, i) => [`${i + 1}, ${s.kind}, line ${s.line}`, s]);
test.each(named as [string, GuideStep][])('step %s', async (_name, step) => {
  await follow(step);
}, 120_000);

async function follow(step: GuideStep): Promise<void> {
  const body = localise(step.body);
  if (step.kind === 'run') return void outputs.push(runShell(body));
  if (step.kind === 'file') {
    return writeGuideFile(localise(step.argument), body);
  }
  if (step.kind === 'runner-config') return useRunnerConfig(body);

  expect(driver).toBeDefined();
  const result = await runGuidePipeline(host, body, driver as DriverSpec);
  const job = result.jobs[0];
  expect([result.status, job?.status]).toEqual(['success', 'success']);
  expect(job?.result?.trace).toMatch(/Submitted as HTCondor job \d+\.0/);
  expect(job?.result?.trace).toContain('Hello from ');
  const archive = job?.result?.artifactsArchive ?? '(none)';
  const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' });
  expect(listing).toMatch(/^hello\.txt$/m);
}

function runShell(body: string): string {
  const r = host.run(body);
  expect({ status: r.status, stderr: r.stderr }).toEqual({
    status: 0,
    stderr: expect.any(String),
  });

  return r.stdout;
}

/** A unit file is written, and its command run once as the timer would. */
function writeGuideFile(path: string, body: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
  const exec = /^ExecStart=(.+)$/m.exec(body)?.[1];
  if (exec) outputs.push(runShell(exec));
}

function useRunnerConfig(toml: string): void {
  const read = driverFrom(toml);
  expect(read.executor).toBe('custom');
  expect(read.gracefulKillTimeoutS).toBeLessThan(300);
  driver = read.spec;
}

test('the install put the executable on PATH; doctor found nothing', () => {
  const installed = join(host.prefix, 'bin', 'gitlab-htcondor-executor');
  expect(outputs[0]).toMatch(/\n\d+\.\d+\.\d+\n$/);
  expect(existsSync(installed)).toBe(true);
  const doctor = (outputs[2] ?? '').trimEnd().split('\n');
  expect(doctor.at(-1)).toBe('doctor: nothing to fix');
  for (const line of doctor.slice(0, -1)) {
    expect(line).toMatch(/^(ok  |warn) /);
  }
  expect(doctor).toContainEqual(expect.stringMatching(/^ok   schedd: /));
});

test('the first job left its record, which the guide shows with tail', () => {
  const record = JSON.parse(outputs[3] ?? '{}');

  expect(record).toMatchObject({
    project: 'group/first-project',
    jobName: 'htcondor-hello',
    outcome: 'success',
    exitCode: 0,
  });
  expect(record.bytesSent).toBeGreaterThan(0);
  expect(record.stages).toHaveLength(1);
});

test('the reaper of the timer unit ran and found nothing to remove', () => {
  expect(outputs[4]).toBe('');
});

test('the README shows the same [runners.custom] block as the guide', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = steps.find((s) => s.kind === 'runner-config')?.body;

  expect(readme).toContain(block ?? '(no runner-config step)');
});
