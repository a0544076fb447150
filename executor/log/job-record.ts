import type { JobContext } from '../job/context';
import type { StageRecord } from '../stages/remote/stage-record';

export type JobOutcome = StageRecord['outcome'] | 'no_remote_stage';

/** What one remote stage cost, as kept in the CI job's record. */
export interface StageSummary {
  stage: string;
  cluster?: number;
  outcome: StageRecord['outcome'];
  exitCode?: number;
  host?: string;
  queuedS?: number;
  runS?: number;
}

export interface HoldSummary {
  stage: string;
  code: number;
  subcode: number;
  reason: string;
}

/**
 * One line of the runner-wide records file: what one attempt of one CI job
 * did on HTCondor, summed over its remote stages.
 */
export interface JobRecord {
  time: string;
  jobId: number;
  pipelineId: number;
  project: string;
  jobName: string;
  runner: string;
  outcome: JobOutcome;
  exitCode?: number;
  stages: StageSummary[];
  queuedS: number;
  runS: number;
  cpuS?: number;
  peakMemoryMb?: number;
  evictions: number;
  holds: HoldSummary[];
  bytesSent: number;
  bytesReturned: number;
}

/** Keeps every line short enough to be appended in one write. */
const MAX_HOLDS = 20;
const MAX_REASON = 300;

export function foldStageRecords(
  job: JobContext,
  stages: StageRecord[],
  now = Date.now(),
): JobRecord {
  const decisive = decidingStage(stages);
  const sum = (pick: (s: StageRecord) => number | undefined) =>
    stages.reduce((total, s) => total + (pick(s) ?? 0), 0);
  const cpu = stages.filter((s) => s.cpuS !== undefined);
  const memory = stages.flatMap((s) => (s.memoryMb ? [s.memoryMb] : []));

  return {
    time: new Date(now).toISOString(),
    jobId: Number(job.jobId),
    pipelineId: Number(job.pipelineId),
    project: job.projectPath,
    jobName: job.jobName,
    runner: job.runnerToken,
    outcome: outcomeOf(stages, decisive),
    exitCode: decisive?.exitCode,
    stages: stages.map(summarise),
    queuedS: round(sum(queuedS)),
    runS: round(sum(runS)),
    cpuS: cpu.length ? round(sum((s) => s.cpuS)) : undefined,
    peakMemoryMb: memory.length ? Math.max(...memory) : undefined,
    evictions: sum((s) => s.evictions),
    holds: stages.flatMap(holdsOf).slice(0, MAX_HOLDS),
    bytesSent: sum((s) => s.bytesSent),
    bytesReturned: sum((s) => s.bytesReturned),
  };
}

/**
 * As in GitLab, the first stage that did not succeed decides, and
 * after_script never does; a cancel anywhere makes the job cancelled.
 */
function decidingStage(stages: StageRecord[]): StageRecord | undefined {
  const main = stages.filter((s) => s.stage !== 'after_script');

  return main.find((s) => s.outcome !== 'success') ?? main.at(-1);
}

function outcomeOf(stages: StageRecord[], decisive?: StageRecord): JobOutcome {
  if (stages.length === 0) return 'no_remote_stage';
  if (stages.some((s) => s.outcome === 'cancelled')) return 'cancelled';

  return decisive?.outcome ?? 'success';
}

function summarise(s: StageRecord): StageSummary {
  return {
    stage: s.stage,
    cluster: s.cluster,
    outcome: s.outcome,
    exitCode: s.exitCode,
    host: s.host,
    queuedS: roundKnown(queuedS(s)),
    runS: roundKnown(runS(s)),
  };
}

function queuedS(s: StageRecord): number | undefined {
  return span(s.submittedAt, s.startedAt);
}

function runS(s: StageRecord): number | undefined {
  return span(s.startedAt, s.endedAt);
}

function span(fromMs?: number, toMs?: number): number | undefined {
  if (fromMs === undefined || toMs === undefined) return undefined;

  return Math.max(0, toMs - fromMs) / 1000;
}

function holdsOf(s: StageRecord): HoldSummary[] {
  return s.holds.map((h) => ({
    stage: s.stage,
    code: h.code,
    subcode: h.subcode,
    reason: h.reason.slice(0, MAX_REASON),
  }));
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

function roundKnown(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : round(seconds);
}
