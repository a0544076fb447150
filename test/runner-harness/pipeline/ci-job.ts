/** One job of `.gitlab-ci.yml`, merged with `default:` and global variables. */
import { ArtifactsSpec, JobVariable } from '../types';
import { CiDefaults, CiJob } from './ci-types';
import {
  checkKeys,
  isRecord,
  mergeVariables,
  Problems,
  readScript,
  readVariables,
} from './ci-values';
import { parseDuration } from './duration';
import { readAllowFailure, readNeeds, readParallel } from './ci-job-relations';

const JOB_KEYS = [
  'stage', 'image', 'script', 'before_script', 'after_script', 'variables',
  'parallel', 'needs', 'dependencies', 'artifacts', 'allow_failure', 'timeout',
];
const ARTIFACT_KEYS = ['paths', 'when', 'name', 'expire_in'];
const ARTIFACT_WHEN = ['on_success', 'on_failure', 'always'];

interface JobContext {
  stages: string[];
  defaults: CiDefaults;
  globals: JobVariable[];
}

export function readJob(
  name: string,
  body: unknown,
  ctx: JobContext,
  problems: Problems,
): CiJob | undefined {
  if (!isRecord(body)) {
    problems.add(name, 'a job must be a map of keywords');
    return undefined;
  }
  checkKeys(body, JOB_KEYS, name, problems);
  const stage = typeof body.stage === 'string' ? body.stage : 'test';
  if (!ctx.stages.includes(stage)) {
    problems.add(`${name}.stage`, `"${stage}" is not one of the stages ${ctx.stages.join(', ')}`);
  }
  const script = readScript(body.script, `${name}.script`, problems);
  if (!script || script.length === 0) {
    problems.add(name, 'a job needs a non-empty script');
  }

  const before = readScript(body.before_script, `${name}.before_script`, problems);
  const after = readScript(body.after_script, `${name}.after_script`, problems);
  return {
    name,
    stage,
    image: readImage(body.image, `${name}.image`, problems) ?? ctx.defaults.image,
    script: [...(before ?? ctx.defaults.beforeScript ?? []), ...(script ?? [])],
    afterScript: after ?? ctx.defaults.afterScript ?? [],
    variables: mergeVariables(ctx.globals, readVariables(body.variables, `${name}.variables`, problems)),
    parallel: readParallel(body.parallel, name, problems),
    needs: readNeeds(body.needs, name, problems),
    dependencies: readScript(body.dependencies, `${name}.dependencies`, problems),
    artifacts: readArtifacts(body.artifacts, `${name}.artifacts`, problems) ?? ctx.defaults.artifacts,
    allowFailure: readAllowFailure(body.allow_failure, name, problems),
    timeoutS: readTimeout(body.timeout, name, problems) ?? ctx.defaults.timeoutS,
  };
}

export function readImage(value: unknown, where: string, problems: Problems): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (isRecord(value) && typeof value.name === 'string') {
    checkKeys(value, ['name'], where, problems);
    return value.name;
  }
  problems.add(where, 'must be an image name or {name}');
  return undefined;
}

export function readArtifacts(
  value: unknown,
  where: string,
  problems: Problems,
): ArtifactsSpec | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isRecord(value)) {
    problems.add(where, 'must be a map');
    return undefined;
  }
  checkKeys(value, ARTIFACT_KEYS, where, problems);
  const paths = readScript(value.paths, `${where}.paths`, problems) ?? [];
  for (const path of paths.filter((p) => p.startsWith('/') || p.split('/').includes('..'))) {
    problems.add(`${where}.paths`, `${path} must be relative to the project dir`);
  }
  const when = value.when ?? 'on_success';
  if (typeof when !== 'string' || !ARTIFACT_WHEN.includes(when)) {
    problems.add(`${where}.when`, `must be one of ${ARTIFACT_WHEN.join(', ')}`);
  }
  return {
    paths,
    when: when as ArtifactsSpec['when'],
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(typeof value.expire_in === 'string' ? { expireIn: value.expire_in } : {}),
  };
}

function readTimeout(value: unknown, name: string, problems: Problems): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    problems.add(`${name}.timeout`, `cannot read duration ${JSON.stringify(value)}`);
  }
  return seconds;
}
