import { inspectProxy } from '../credentials/proxy';
import type { Settings } from '../settings/types';
import { formatDuration, parseDuration } from '../settings/units';
import { findProgram, fix, ok, warn, type Finding } from './doctor-finding';

const CHECK = 'X509 proxy';

/**
 * The proxy every job carries, judged as `prepare` judges it: readable,
 * private, and alive for longer than credentials.min_lifetime. What a
 * renewal command would mend is a warning; doctor never renews.
 */
export async function checkProxyFile(
  s: Settings,
  env: NodeJS.ProcessEnv,
  now = Date.now(),
): Promise<Finding> {
  const c = s.credentials;
  if (!c.x509_proxy) return ok(CHECK, 'none (credentials.x509_proxy is empty)');
  const renewer = checkRenewer(s, env);
  if (renewer) return renewer;

  const look = await inspectProxy(s, now);
  const minimum = parseDuration(c.min_lifetime);
  if (look.usable && look.remainingS >= minimum) {
    const left = formatDuration(look.remainingS);
    return ok(CHECK, `${c.x509_proxy} valid for ${left}`);
  }
  const why = look.usable
    ? `expires in ${formatDuration(look.remainingS)}, less than ` +
      `credentials.min_lifetime (${c.min_lifetime})`
    : look.why;
  if (c.renew_command.length > 0) {
    return warn(CHECK, `${c.x509_proxy} ${why}; credentials.renew_command ` +
      'will renew it for the next job (run it once by hand to be sure)');
  }

  return fix(CHECK, `${c.x509_proxy} ${why}; renew it, or set ` +
    'credentials.renew_command');
}

/**
 * The renewal command must exist where it will run. Behind a command
 * prefix it runs as another user, with a PATH we cannot see.
 */
function checkRenewer(s: Settings, env: NodeJS.ProcessEnv) {
  const program = s.credentials.renew_command[0];
  if (program === undefined) return undefined;
  if (s.htcondor.command_prefix.length > 0 && !program.startsWith('/')) {
    return undefined;
  }
  if (findProgram(program, env)) return undefined;

  return fix(CHECK, `credentials.renew_command: ${program} is not an ` +
    'executable file here');
}
