import { join } from 'node:path';
import type { Settings } from '../settings/types';
import { fix, ok, statOrUndefined, warn, type Finding } from './doctor-finding';

const CHECK = 'default image';

/**
 * Only an image given as a local path can be looked at from here. HTCondor
 * ships a container_image from this host unless it lies under /cvmfs,
 * which the execute nodes mount; MY.SingularityImage is always read there.
 */
export function checkDefaultImage(s: Settings): Finding {
  const { mode, default_image: image } = s.container;
  if (mode === 'none') return ok(CHECK, 'none: jobs run on the execute node');
  if (!image.startsWith('/')) {
    return ok(CHECK, `${image} is not a local path; not checked here`);
  }

  const stat = statOrUndefined(image);
  if (stat?.isDirectory()) return checkUnpacked(image);
  if (stat) return ok(CHECK, `${image} is a file (a SIF image)`);
  if (image.startsWith('/cvmfs/') || mode === 'singularity_image') {
    return warn(CHECK, `${image} is not visible on this host; fine if the ` +
      'execute nodes have it (is /cvmfs mounted there?)');
  }

  return fix(CHECK, `${image} does not exist: HTCondor would transfer it ` +
    'from this host; correct container.default_image');
}

/** The job wrapper needs bash and tar inside the image. */
function checkUnpacked(image: string): Finding {
  const has = (tool: string) =>
    ['usr/bin', 'bin'].some((dir) => statOrUndefined(join(image, dir, tool)));
  const missing = ['bash', 'tar'].filter((tool) => !has(tool));
  if (missing.length > 0) {
    return warn(CHECK, `${image} has no ${missing.join(' or ')} in /usr/bin ` +
      'or /bin; the job wrapper needs both');
  }

  return ok(CHECK, `${image} is an unpacked image with bash and tar`);
}
