/** `cache:` of a job or of `default:`, a single entry or a list. */
import { CacheSpec } from '../types';
import { checkKeys, isRecord, Problems, readScript } from './ci-values';

const CACHE_KEYS = ['key', 'paths', 'policy', 'when'];
const POLICIES = ['pull-push', 'pull', 'push'];
const WHEN = ['on_success', 'on_failure', 'always'];

export function readCache(
  value: unknown,
  where: string,
  problems: Problems,
): CacheSpec[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const entries = Array.isArray(value) ? value : [value];
  return entries.flatMap((entry: unknown, i) => {
    const at = Array.isArray(value) ? `${where}[${i}]` : where;
    const spec = readEntry(entry, at, problems);
    return spec ? [spec] : [];
  });
}

function readEntry(
  entry: unknown,
  where: string,
  problems: Problems,
): CacheSpec | undefined {
  if (!isRecord(entry)) {
    problems.add(where, 'must be a map with paths (and key, policy, when)');
    return undefined;
  }
  checkKeys(entry, CACHE_KEYS, where, problems);
  if (entry.key !== undefined && typeof entry.key !== 'string') {
    const hint = 'must be a string (key:files is not supported)';
    problems.add(`${where}.key`, hint);
  }
  const policy = pickOne(entry.policy, POLICIES, `${where}.policy`, problems);
  const when = pickOne(entry.when, WHEN, `${where}.when`, problems);
  return {
    paths: readScript(entry.paths, `${where}.paths`, problems) ?? [],
    ...(typeof entry.key === 'string' ? { key: entry.key } : {}),
    ...(policy ? { policy: policy as CacheSpec['policy'] } : {}),
    ...(when ? { when: when as CacheSpec['when'] } : {}),
  };
}

function pickOne(
  value: unknown,
  allowed: string[],
  where: string,
  problems: Problems,
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !allowed.includes(value)) {
    problems.add(where, `must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return value;
}
