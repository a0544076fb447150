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

  const fromVariable = job.variables.get('HTCONDOR_IMAGE');
  const asked = fromVariable || job.image;
  if (!asked) return c.default_image;
  if (asked === c.default_image) return asked;
  checkImageName(asked, fromVariable ? 'HTCONDOR_IMAGE' : 'image:');
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

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const IMAGE_NAME = /^\/?[A-Za-z0-9][A-Za-z0-9._\-/:@+]*$/;
const MAX_IMAGE_LENGTH = 1024;

/**
 * A path below /cvmfs or a registry reference, nothing else: a `..` would
 * leave the tree an allowed pattern names, and other characters mean
 * something to HTCondor, a shell or a container runtime.
 */
export function checkImageName(image: string, source: string): void {
  const why = imageNameProblem(image);
  if (why === undefined) return;

  throw new BuildFailure(`${source} ${JSON.stringify(image)} is not an image name: it ${why}`);
}

function imageNameProblem(image: string): string | undefined {
  const rest = image.replace(SCHEME, '');
  if (image.length > MAX_IMAGE_LENGTH) return `is longer than ${MAX_IMAGE_LENGTH} characters`;
  if (!IMAGE_NAME.test(rest)) {
    return (
      'must start with a letter, a digit or "/" and hold only letters, digits ' +
      'and . _ - / : @ +'
    );
  }
  const parts = rest.replace(/^\//, '').replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) {
    return 'has an empty, "." or ".." path component';
  }

  return undefined;
}

/** `*` matches any run of characters, `?` one character; nothing else is special. */
export function matchesGlob(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');

  return new RegExp(`^${source}$`, 's').test(value);
}
