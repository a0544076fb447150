import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createRepoFromDir } from '../../runner-harness';
import {
  listHistory, listQueue, readInvocations, waitForEmptyQueue,
} from '../../htcondor-sim/src/api';
import type { SimWorld } from '../../integration/sim-job';
import { repoRoot } from '../support/repo-paths';
import type { Scenario, ScenarioRun } from './scenario-types';

const SECRET = 'S3cr3t-Value-4711';

/** The CAT example's analysis job, shard 1 of 3, from its .gitlab-ci.yml. */
async function catAnalysisJob(world: SimWorld) {
  const example = join(repoRoot(), 'examples', 'cat-analysis');
  const ci = parse(readFileSync(join(example, '.gitlab-ci.yml'), 'utf8')) as {
    variables: Record<string, string>;
    analysis: { script: string[]; artifacts: { paths: string[] } };
  };
  const repo = join(world.root, 'cat-analysis');
  await createRepoFromDir(example, repo);
  const [first = '', ...rest] = ci.analysis.script;
  return {
    name: 'analysis 1/3',
    stage: 'analysis',
    repoUrl: repo,
    parallel: { index: 1, total: 3 },
    // A pause after the first output line, so that streaming shows in time.
    script: [first, 'sleep 3', ...rest],
    variables: Object.entries(ci.variables).map(([key, value]) => ({ key, value })),
    artifacts: { paths: ci.analysis.artifacts.paths },
  };
}

/** Seconds since the epoch at which the build_script HTCondor job completed. */
function buildJobCompletedAt(world: SimWorld): number {
  const ad = listHistory(world.simHome).find((a) => a.GitLabStage === 'build_script');
  return Number(ad?.CompletionDate ?? 0);
}

/** After a cancel or timeout: the job was removed, cleanup ran, nothing is left. */
async function expectNothingLeft(run: ScenarioRun): Promise<void> {
  await waitForEmptyQueue(run.world.simHome, 15_000);
  expect(listQueue(run.world.simHome)).toEqual([]);
  const tools = readInvocations(run.world.simHome).map((i) => i.tool);
  expect(tools).toContain('condor_rm');
  const left = existsSync(run.world.stateDir) ? readdirSync(run.world.stateDir) : [];
  expect(left.filter((n) => n.startsWith('job-'))).toEqual([]);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'the CAT analysis job succeeds, streams its output and uploads its histogram',
    job: catAnalysisJob,
    async check(run) {
      expect(run).toMatchObject({ status: 'success' });
      expect(run.artifactEntries).toContain('histos/shard-1.json');
      const early = run.traceChunks.find((c) => /Python 3\.\d+/.test(c.text));
      expect(early).toBeDefined();
      expect(early?.at ?? Infinity).toBeLessThan(buildJobCompletedAt(run.world) * 1000);
    },
  },
  {
    name: 'a script that exits 3 under allow_failure exit_codes [3] reports exit code 3',
    job: async () => ({ script: ['echo about to exit 3', 'exit 3'] }),
    async check(run) {
      expect(run).toMatchObject({
        status: 'failed', failureReason: 'script_failure', exitCode: 3,
      });
    },
  },
  {
    name: 'after a failing script, after_script runs remotely and shows in the trace',
    job: async () => ({
      script: ['echo main part', 'false'],
      afterScript: ['echo after-script-output'],
    }),
    async check(run) {
      expect(run).toMatchObject({
        status: 'failed', failureReason: 'script_failure', exitCode: 1,
      });
      expect(run.trace).toContain('after-script-output');
      const stages = listHistory(run.world.simHome).map((a) => a.GitLabStage);
      expect(stages).toContain('after_script');
    },
  },
  {
    name:
      'a cancel while the HTCondor job runs removes it within 5 s; ' +
      'after_script and cleanup run',
    job: async () => ({
      script: ['echo started', 'sleep 60'],
      afterScript: ['echo after_script ran'],
    }),
    cancelAfter: 'started\n',
    async check(run) {
      expect(run.status).toBe('canceled');
      const rm = readInvocations(run.world.simHome).find((i) => i.tool === 'condor_rm');
      expect((rm?.time ?? Infinity) - (run.cancelAt ?? 0)).toBeLessThan(5000);
      expect(run.trace).toContain('after_script ran');
      await expectNothingLeft(run);
    },
  },
  {
    name: 'the job timeout removes the HTCondor job, cleanup runs, no orphan',
    job: async () => ({ script: ['echo waiting', 'sleep 120'], timeoutS: 8 }),
    async check(run) {
      expect(run).toMatchObject({
        status: 'failed', failureReason: 'job_execution_timeout',
      });
      await expectNothingLeft(run);
    },
  },
  {
    name:
      'a file variable reaches the remote script; ' +
      'a masked value stays out of trace and driver log',
    settings: '[logging]\nlevel = "debug"',
    job: async () => ({
      script: [
        'grep -q "^key=value$" "$CONFIG_FILE" && echo config-file-ok',
        'echo "secret is $SECRET_TOKEN"',
        `test "$SECRET_TOKEN" = ${SECRET} && echo secret-reached`,
      ],
      variables: [
        { key: 'SECRET_TOKEN', value: SECRET, masked: true, public: false },
        { key: 'CONFIG_FILE', value: 'first line\nkey=value\n', file: true },
      ],
    }),
    async check(run) {
      expect(run.status).toBe('success');
      expect(run.trace).toContain('config-file-ok');
      expect(run.trace).toContain('secret-reached');
      expect(run.trace).toContain('secret is [MASKED]');
      expect(run.trace).not.toContain(SECRET);
      const driverLog = readFileSync(join(run.world.stateDir, 'driver.log'), 'utf8');
      expect(driverLog.length).toBeGreaterThan(0);
      expect(driverLog).not.toContain(SECRET);
    },
  },
];
