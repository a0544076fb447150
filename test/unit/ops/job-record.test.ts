import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJobContext } from '../../../executor/job/context';
import { foldStageRecords } from '../../../executor/log/job-record';
import { readStageRecords } from '../../../executor/log/records-file';
import {
  newStageRecord,
  type StageRecord,
} from '../../../executor/stages/remote/stage-record';

const job = readJobContext({
  CUSTOM_ENV_CI_JOB_ID: '4242',
  CUSTOM_ENV_CI_PIPELINE_ID: '77',
  CUSTOM_ENV_CI_PROJECT_PATH: 'cms-analysis/dimuon',
  CUSTOM_ENV_CI_JOB_NAME: 'analysis 1/3',
  CUSTOM_ENV_CI_RUNNER_SHORT_TOKEN: 'abc123',
  TMPDIR: '/tmp/custom-executor1',
});

/** A stage submitted at t0, started `queued` s later, ran `ran` s. */
function stage(
  name: string,
  outcome: StageRecord['outcome'],
  more: Partial<StageRecord> & { queued?: number; ran?: number } = {},
): StageRecord {
  const { queued = 10, ran = 60, ...rest } = more;
  const t0 = 1_700_000_000_000;

  return {
    ...newStageRecord(name),
    outcome,
    cluster: 100,
    submittedAt: t0,
    startedAt: t0 + queued * 1000,
    endedAt: t0 + (queued + ran) * 1000,
    bytesSent: 1000,
    bytesReturned: 500,
    ...rest,
  };
}

test('a job that ran one stage is summed from it', () => {
  const r = foldStageRecords(job, [stage('build_script', 'success', {
    exitCode: 0, host: 'slot1@ep1', cpuS: 42.04, memoryMb: 300,
  })], Date.UTC(2024, 0, 2));

  expect(r).toEqual({
    time: '2024-01-02T00:00:00.000Z',
    jobId: 4242,
    pipelineId: 77,
    project: 'cms-analysis/dimuon',
    jobName: 'analysis 1/3',
    runner: 'abc123',
    outcome: 'success',
    exitCode: 0,
    stages: [{
      stage: 'build_script', cluster: 100, outcome: 'success', exitCode: 0,
      host: 'slot1@ep1', queuedS: 10, runS: 60,
    }],
    queuedS: 10,
    runS: 60,
    cpuS: 42,
    peakMemoryMb: 300,
    evictions: 0,
    holds: [],
    bytesSent: 1000,
    bytesReturned: 500,
  });
});

test.each<[string, StageRecord[], string, number | undefined]>([
  ['no remote stage ran', [], 'no_remote_stage', undefined],
  ['the script failed, after_script passed', [
    stage('build_script', 'build_failure', { exitCode: 3 }),
    stage('after_script', 'success', { exitCode: 0 }),
  ], 'build_failure', 3],
  ['only after_script failed', [
    stage('build_script', 'success', { exitCode: 0 }),
    stage('after_script', 'system_failure'),
  ], 'success', 0],
  ['the first failing step decides', [
    stage('build_script', 'success', { exitCode: 0 }),
    stage('step_check', 'system_failure'),
    stage('step_more', 'build_failure', { exitCode: 1 }),
  ], 'system_failure', undefined],
  ['a cancel anywhere', [
    stage('build_script', 'cancelled'),
    stage('after_script', 'success', { exitCode: 0 }),
  ], 'cancelled', undefined],
])('outcome when %s', (_what, stages, outcome, exitCode) => {
  const r = foldStageRecords(job, stages);

  expect(r.outcome).toBe(outcome);
  expect(r.exitCode).toBe(exitCode);
  expect(r.stages).toHaveLength(stages.length);
});

test('times, bytes and evictions add up; peak memory is the largest', () => {
  const r = foldStageRecords(job, [
    stage('build_script', 'success', {
      queued: 5, ran: 20, evictions: 1, memoryMb: 900,
    }),
    stage('after_script', 'success', { queued: 2.25, ran: 1, memoryMb: 100 }),
  ]);

  expect([r.queuedS, r.runS, r.evictions]).toEqual([7.3, 21, 1]);
  expect([r.bytesSent, r.bytesReturned]).toEqual([2000, 1000]);
  expect(r.peakMemoryMb).toBe(900);
  expect(r.cpuS).toBeUndefined();
});

test('a stage removed while queued counts no queue or run time', () => {
  const r = foldStageRecords(job, [stage('build_script', 'cancelled', {
    startedAt: undefined, endedAt: undefined,
  })]);

  expect(r.stages[0]).toMatchObject({ queuedS: undefined, runS: undefined });
  expect([r.queuedS, r.runS]).toEqual([0, 0]);
});

test('holds keep their stage and code; long lists and reasons are cut', () => {
  const holds = Array.from({ length: 30 }, (_, i) => ({
    code: 13, subcode: i, reason: 'x'.repeat(1000),
  }));
  const held = stage('build_script', 'system_failure', { holds });
  const r = foldStageRecords(job, [held]);

  expect(r.holds).toHaveLength(20);
  expect(r.holds[0]).toEqual({
    stage: 'build_script', code: 13, subcode: 0, reason: 'x'.repeat(300),
  });
  expect(JSON.stringify(r).length).toBeLessThan(4096 * 2);
});

describe('reading stage records', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'stage-records-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a torn last line is skipped, whole lines are kept', () => {
    const one = stage('build_script', 'success');
    const torn = `${JSON.stringify(one)}\n{"stage":"aft`;
    writeFileSync(join(dir, 'stage-records.jsonl'), torn);

    expect(readStageRecords(dir)).toEqual([one]);
  });

  test('no file means no stage', () => {
    expect(readStageRecords(dir)).toEqual([]);
  });
});
