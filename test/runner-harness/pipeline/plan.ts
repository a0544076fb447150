/**
 * Turns parsed jobs into the pipeline's job instances: `parallel: N`
 * becomes `name i/N`, and each instance knows which jobs it waits for and
 * whose artifacts it downloads.
 */
import { CiJob, CiPipeline } from './ci-types';
import { Problems } from './ci-values';

export interface PlannedJob {
  name: string;
  def: CiJob;
  stageIndex: number;
  id: number;
  parallel?: { index: number; total: number };
  /** Instances that must finish first. */
  prerequisites: string[];
  /** Instances whose artifacts are downloaded. */
  artifactSources: string[];
}

interface Relations {
  prerequisites: string[];
  artifactSources: string[];
}

export function planPipeline(ci: CiPipeline, firstJobId: number): PlannedJob[] {
  const stageOf = (job: CiJob): number => ci.stages.indexOf(job.stage);
  const ordered = [...ci.jobs].sort((a, b) => stageOf(a) - stageOf(b));
  const instances = new Map(ordered.map((j) => [j.name, instanceNames(j)]));
  const problems = new Problems();

  let nextId = firstJobId;
  const planned = ordered.flatMap((job) => {
    const earlier = ordered
      .filter((other) => stageOf(other) < stageOf(job))
      .flatMap((other) => instances.get(other.name) ?? []);
    const relations = relate(job, earlier, instances, problems);
    const total = job.parallel;
    return (instances.get(job.name) ?? []).map((name, i) => ({
      name,
      def: job,
      stageIndex: stageOf(job),
      id: nextId++,
      ...(total ? { parallel: { index: i + 1, total } } : {}),
      ...relations,
    }));
  });
  checkCycles(planned, problems);
  problems.throwIfAny('.gitlab-ci.yml');
  return planned;
}

/**
 * Without `needs`, a job waits for every earlier stage and downloads from
 * it; `needs` narrows both, and `dependencies` narrows the downloads.
 */
function relate(
  job: CiJob,
  earlier: string[],
  instances: Map<string, string[]>,
  problems: Problems,
): Relations {
  const expand = (names: string[], key: string): string[] =>
    names.flatMap((name) => {
      const found = instances.get(name);
      if (!found) {
        problems.add(`${job.name}.${key}`, `refers to unknown job "${name}"`);
      }
      return found ?? [];
    });

  const needs = job.needs?.map((need) => need.job);
  const needed = job.needs?.filter((n) => n.artifacts).map((n) => n.job);
  const prerequisites = needs ? expand(needs, 'needs') : earlier;
  let artifactSources = needed ? expand(needed, 'needs') : earlier;
  if (job.dependencies) {
    artifactSources = expand(job.dependencies, 'dependencies');
  }
  return { prerequisites, artifactSources };
}

function instanceNames(job: CiJob): string[] {
  const total = job.parallel;
  if (!total) {
    return [job.name];
  }
  const names = Array.from({ length: total }, (_, i) => i + 1);
  return names.map((index) => `${job.name} ${index}/${total}`);
}

function checkCycles(jobs: PlannedJob[], problems: Problems): void {
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const done = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (path.includes(name)) {
      problems.add(name, `needs form a cycle: ${[...path, name].join(' -> ')}`);
      return;
    }
    if (done.has(name)) {
      return;
    }
    for (const next of byName.get(name)?.prerequisites ?? []) {
      visit(next, [...path, name]);
    }
    done.add(name);
  };
  jobs.forEach((job) => visit(job.name, []));
}
