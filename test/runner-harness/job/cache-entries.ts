/**
 * The job's caches as the runner handles them: keys expanded, one archive
 * per key under cache_dir, and which entries each cache stage acts on.
 */
import { join } from 'path';
import { CacheSpec } from '../types';
import { expandValue } from './expand';

export interface CacheEntry {
  key: string;
  paths: string[];
  policy: NonNullable<CacheSpec['policy']>;
  when: NonNullable<CacheSpec['when']>;
  archive: string;
}

export function resolveCaches(
  specs: CacheSpec[],
  cacheDir: string,
  lookup: (key: string) => string | undefined,
): CacheEntry[] {
  return specs.map((spec) => {
    const key = expandValue(spec.key ?? 'default', lookup);
    return {
      key,
      paths: spec.paths,
      policy: spec.policy ?? 'pull-push',
      when: spec.when ?? 'on_success',
      archive: join(cacheDir, safeKey(key), 'cache.tar.gz'),
    };
  });
}

/** restore_cache is sent only when some entry may be pulled. */
export function entriesToRestore(entries: CacheEntry[]): CacheEntry[] {
  return entries.filter((e) => e.policy !== 'push' && e.paths.length > 0);
}

/** archive_cache(_on_failure) only for entries whose `when` matches. */
export function entriesToArchive(
  entries: CacheEntry[],
  succeeded: boolean,
): CacheEntry[] {
  return entries.filter(
    (e) =>
      e.policy !== 'pull' &&
      e.paths.length > 0 &&
      (e.when === 'always' || (e.when === 'on_success') === succeeded),
  );
}

/** A key names a directory; it must not climb out of cache_dir. */
function safeKey(key: string): string {
  const parts = key.split('/').filter((p) => p !== '' && p !== '.');
  return parts.map((p) => (p === '..' ? '%2E%2E' : p)).join('/') || 'default';
}
