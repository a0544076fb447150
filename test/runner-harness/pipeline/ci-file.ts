/**
 * Reads the subset of `.gitlab-ci.yml` the harness runs: stages, default,
 * variables and jobs. Anything else is an error naming the key, never
 * silently ignored. Hidden jobs (names starting with a dot) are skipped,
 * as GitLab does.
 */
import { parse } from 'yaml';
import { CiDefaults, CiPipeline } from './ci-types';
import {
  checkKeys,
  isRecord,
  Problems,
  readScript,
  readVariables,
} from './ci-values';
import { readCache } from './ci-cache';
import { readArtifacts, readImage, readJob, readTimeout } from './ci-job';

const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];
const OLD_DEFAULTS = ['image', 'before_script', 'after_script', 'cache'];
const GLOBAL_KEYS = ['stages', 'default', 'variables', ...OLD_DEFAULTS];
const DEFAULT_KEYS = [...OLD_DEFAULTS, 'timeout', 'artifacts'];
const RESERVED = ['include', 'workflow', 'services', 'spec', 'pages'];

export function parseCiFile(
  text: string,
  fileName = '.gitlab-ci.yml',
): CiPipeline {
  const problems = new Problems();
  const doc: unknown = parse(text);
  if (!isRecord(doc)) {
    throw new Error(`${fileName}: the document must be a map of keywords`);
  }

  const stages = readStages(doc.stages, problems);
  const defaults = readDefaults(doc, problems);
  const globals = readVariables(doc.variables, 'variables', problems);
  const jobs = Object.entries(doc)
    .filter(([name]) => !GLOBAL_KEYS.includes(name) && !name.startsWith('.'))
    .flatMap(([name, body]) => {
      if (RESERVED.includes(name)) {
        problems.add(name, 'this global keyword is not supported');
        return [];
      }
      const job = readJob(name, body, { stages, defaults, globals }, problems);
      return job ? [job] : [];
    });

  if (jobs.length === 0) {
    problems.add(fileName, 'defines no jobs');
  }
  problems.throwIfAny(fileName);
  return { stages, jobs };
}

function readStages(value: unknown, problems: Problems): string[] {
  if (value === undefined) {
    return DEFAULT_STAGES;
  }
  const list = readScript(value, 'stages', problems) ?? [];
  const own = list.filter((stage) => stage !== '.pre' && stage !== '.post');
  return ['.pre', ...own, '.post'];
}

function readDefaults(
  doc: Record<string, unknown>,
  problems: Problems,
): CiDefaults {
  const section = doc.default ?? {};
  if (!isRecord(section)) {
    problems.add('default', 'must be a map');
    return {};
  }
  checkKeys(section, DEFAULT_KEYS, 'default', problems);
  // The old top-level image, before_script, after_script, cache: defaults.
  const pick = (key: string): unknown => section[key] ?? doc[key];
  const where = (key: string): string => `default.${key}`;
  return {
    image: readImage(pick('image'), where('image'), problems),
    beforeScript: readScript(
      pick('before_script'),
      where('before_script'),
      problems,
    ),
    afterScript: readScript(
      pick('after_script'),
      where('after_script'),
      problems,
    ),
    timeoutS: readTimeout(section.timeout, where('timeout'), problems),
    artifacts: readArtifacts(section.artifacts, where('artifacts'), problems),
    cache: readCache(pick('cache'), where('cache'), problems),
  };
}
