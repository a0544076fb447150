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
import { readCache } from './ci-cache';
import { parseDuration } from './duration';
import { readAllowFailure, readNeeds, readParallel } from './ci-job-relations';

const JOB_KEYS = [
  'stage',
  'image',
  'script',
  'before_script',
  'after_script',
  'variables',
  'parallel',
  'needs',
  'dependencies',
  'artifacts',
  'cache',
  'allow_failure',
  'timeout',
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
  const at = (key: string): string => `${name}.${key}`;
  const stage = readStage(body.stage, at('stage'), ctx.stages, problems);
  const script = readScript(body.script, at('script'), problems) ?? [];
  if (script.length === 0) {
    problems.add(name, 'a job needs a non-empty script');
  }

  const { defaults } = ctx;
  const before = readScript(body.before_script, at('before_script'), problems);
  const after = readScript(body.after_script, at('after_script'), problems);
  const own = readVariables(body.variables, at('variables'), problems);
  return {
    name,
    stage,
    image: readImage(body.image, at('image'), problems) ?? defaults.image,
    script: [...(before ?? defaults.beforeScript ?? []), ...script],
    afterScript: after ?? defaults.afterScript ?? [],
    variables: mergeVariables(ctx.globals, own),
    parallel: readParallel(body.parallel, name, problems),
    needs: readNeeds(body.needs, name, problems),
    dependencies: readScript(body.dependencies, at('dependencies'), problems),
    artifacts:
      readArtifacts(body.artifacts, at('artifacts'), problems) ??
      defaults.artifacts,
    cache: readCache(body.cache, at('cache'), problems) ?? defaults.cache,
    allowFailure: readAllowFailure(body.allow_failure, name, problems),
    timeoutS:
      readTimeout(body.timeout, at('timeout'), problems) ?? defaults.timeoutS,
  };
}

function readStage(
  value: unknown,
  where: string,
  stages: string[],
  problems: Problems,
): string {
  const stage = typeof value === 'string' ? value : 'test';
  if (!stages.includes(stage)) {
    const known = stages.join(', ');
    problems.add(where, `"${stage}" is not one of the stages ${known}`);
  }
  return stage;
}

export function readImage(
  value: unknown,
  where: string,
  problems: Problems,
): string | undefined {
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
  const outside = (path: string): boolean =>
    path.startsWith('/') || path.split('/').includes('..');
  for (const path of paths.filter(outside)) {
    problems.add(`${where}.paths`, `${path} must stay in the project dir`);
  }
  const when = value.when ?? 'on_success';
  if (typeof when !== 'string' || !ARTIFACT_WHEN.includes(when)) {
    problems.add(`${where}.when`, `must be one of ${ARTIFACT_WHEN.join(', ')}`);
  }
  return {
    paths,
    when: when as ArtifactsSpec['when'],
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(typeof value.expire_in === 'string'
      ? { expireIn: value.expire_in }
      : {}),
  };
}

export function readTimeout(
  value: unknown,
  where: string,
  problems: Problems,
): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    problems.add(where, `cannot read duration ${JSON.stringify(value)}`);
  }
  return seconds;
}
