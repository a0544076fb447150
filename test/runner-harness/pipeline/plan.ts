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

export function planPipeline(ci: CiPipeline, firstJobId: number): PlannedJob[] {
  const stageOf = (job: CiJob): number => ci.stages.indexOf(job.stage);
  const ordered = [...ci.jobs].sort((a, b) => stageOf(a) - stageOf(b));
  const instances = new Map(ordered.map((job) => [job.name, instanceNames(job)]));
  const problems = new Problems();
  const expand = (names: string[], where: string): string[] =>
    names.flatMap((n) => {
      const found = instances.get(n);
      if (!found) {
        problems.add(where, `refers to unknown job "${n}"`);
      }
      return found ?? [];
    });

  let nextId = firstJobId;
  const planned = ordered.flatMap((job) => {
    const earlier = ordered.filter((other) => stageOf(other) < stageOf(job));
    const earlierNames = earlier.flatMap((other) => instances.get(other.name) ?? []);
    const needs = job.needs && expand(job.needs.map((n) => n.job), `${job.name}.needs`);
    const needArtifacts = job.needs?.filter((n) => n.artifacts).map((n) => n.job);
    const sources = job.dependencies
      ? expand(job.dependencies, `${job.name}.dependencies`)
      : needArtifacts ? expand(needArtifacts, `${job.name}.needs`) : earlierNames;

    return (instances.get(job.name) ?? []).map((name, i) => ({
      name,
      def: job,
      stageIndex: stageOf(job),
      id: nextId++,
      ...(job.parallel ? { parallel: { index: i + 1, total: job.parallel } } : {}),
      prerequisites: needs ?? earlierNames,
      artifactSources: sources,
    }));
  });
  checkCycles(planned, problems);
  problems.throwIfAny('.gitlab-ci.yml');
  return planned;
}

function instanceNames(job: CiJob): string[] {
  const total = job.parallel;
  if (!total) {
    return [job.name];
  }
  return Array.from({ length: total }, (_, i) => `${job.name} ${i + 1}/${total}`);
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
