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
import { readArtifacts, readImage, readJob } from './ci-job';
import { parseDuration } from './duration';

const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];
const GLOBAL_KEYS = ['stages', 'default', 'variables', 'image', 'before_script', 'after_script'];
const DEFAULT_KEYS = ['image', 'before_script', 'after_script', 'timeout', 'artifacts'];
const RESERVED = ['include', 'workflow', 'cache', 'services', 'spec', 'pages'];

export function parseCiFile(text: string, fileName = '.gitlab-ci.yml'): CiPipeline {
  const problems = new Problems();
  const doc: unknown = parse(text);
  if (!isRecord(doc)) {
    throw new Error(`${fileName}: the document must be a map of keys to values`);
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
  return ['.pre', ...list.filter((s) => s !== '.pre' && s !== '.post'), '.post'];
}

function readDefaults(doc: Record<string, unknown>, problems: Problems): CiDefaults {
  const section = doc.default ?? {};
  if (!isRecord(section)) {
    problems.add('default', 'must be a map');
    return {};
  }
  checkKeys(section, DEFAULT_KEYS, 'default', problems);
  const pick = (key: string): unknown => section[key] ?? doc[key];
  const timeout = section.timeout;
  const timeoutS = timeout === undefined ? undefined : parseDuration(timeout);
  if (timeout !== undefined && timeoutS === undefined) {
    problems.add('default.timeout', `cannot read duration ${JSON.stringify(timeout)}`);
  }
  return {
    image: readImage(pick('image'), 'default.image', problems),
    beforeScript: readScript(pick('before_script'), 'default.before_script', problems),
    afterScript: readScript(pick('after_script'), 'default.after_script', problems),
    timeoutS,
    artifacts: readArtifacts(section.artifacts, 'default.artifacts', problems),
  };
}
