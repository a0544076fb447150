import { BuildFailure } from '../errors';
import type { Settings } from '../settings/types';
import type { JobContext } from './context';

/**
 * The container image for this job: the job's own `image:` (or
 * HTCONDOR_IMAGE) only where the admin allows it and it matches a pattern;
 * otherwise the admin's default.
 */
export function resolveImage(settings: Settings, job: JobContext): string | undefined {
  const c = settings.container;
  if (c.mode === 'none') return undefined;

  const asked = job.variables.get('HTCONDOR_IMAGE') || job.image;
  if (!asked) return c.default_image;
  if (asked === c.default_image) return asked;
  if (!c.allow_job_image) {
    throw new BuildFailure(
      `this runner does not accept a job image (asked for ${JSON.stringify(asked)}); ` +
        `remove image:/HTCONDOR_IMAGE to use ${c.default_image}`,
    );
  }
  if (!c.allowed_images.some((pattern) => matchesGlob(pattern, asked))) {
    const list = c.allowed_images.map((p) => `  ${p}`).join('\n') || '  (none)';
    throw new BuildFailure(
      `image ${JSON.stringify(asked)} is not allowed on this runner; allowed patterns:\n${list}`,
    );
  }

  return asked;
}

/** `*` matches any run of characters, `?` one character; nothing else is special. */
export function matchesGlob(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');

  return new RegExp(`^${source}$`, 's').test(value);
}
