import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildJobPayload } from '..';

const SHARED = resolve(__dirname, '..', '..', '..', '..', 'shared');
const SAMPLE = join(SHARED, 'samples', 'gitlab-runner', 'job-response-gitlab-13.11.3.json');
let repo: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'payload-repo-'));
  writeFileSync(join(repo, 'README.md'), 'x\n');
  const who = ['-c', 'user.name=t', '-c', 'user.email=t@localhost'];
  const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...who, ...a]);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'init');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function payload() {
  return buildJobPayload({
    serverUrl: 'http://127.0.0.1:4567/',
    spec: {
      name: 'analysis 1/3',
      repoUrl: `file://${repo}`,
      script: ['echo hi'],
      afterScript: ['echo bye'],
      variables: [{ key: 'SECRET', value: 's', masked: true, public: false }],
      artifacts: { paths: ['histos/'] },
      timeoutS: 30,
      id: 91,
      projectPath: 'group/project',
    },
  });
}

test('the job JSON has the job, its commit, the server URL and steps', async () => {
  const p = await payload();
  const vars = p.variables as { key: string; value: string; masked?: boolean }[];
  const value = (key: string) => vars.find((v) => v.key === key)?.value;

  expect(p.id).toBe(91);
  expect(p.token).toMatch(/^glcbt-/);
  expect(p.runner_info).toEqual({ timeout: 30 });
  expect(p.git_info).toMatchObject({ repo_url: `file://${repo}`, ref: 'main' });
  expect(value('CI_SERVER_URL')).toBe('http://127.0.0.1:4567');
  expect(value('CI_API_V4_URL')).toBe('http://127.0.0.1:4567/api/v4');
  expect(value('CI_JOB_TOKEN')).toBe(p.token);
  expect(vars.find((v) => v.key === 'SECRET')?.masked).toBe(true);
  const steps = (p.steps as { name: string }[]).map((s) => s.name);
  expect(steps).toEqual(['script', 'after_script']);
  const zip = { paths: ['histos/'], artifact_format: 'zip' };
  expect(p.artifacts).toEqual([expect.objectContaining(zip)]);
});

const sampleTest = existsSync(SAMPLE) ? test : test.skip;
if (!existsSync(SAMPLE)) console.warn(`shared samples absent: ${SAMPLE} not found`);

const sampleName = existsSync(SAMPLE)
  ? 'has the top-level keys of a job GitLab sent (shared sample)'
  : 'has the top-level keys of a job GitLab sent (shared samples absent)';
sampleTest(sampleName, async () => {
  const real = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>;
  expect(Object.keys(await payload()).sort()).toEqual(Object.keys(real).sort());
});
