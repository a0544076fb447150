import { readFileSync, statSync } from 'node:fs';
import { remainingLifetimeS } from '../credentials/proxy';
import { describeCause } from '../errors';
import type { Settings } from '../settings/types';
import { formatDuration, parseDuration } from '../settings/units';
import { findProgram, fix, ok, warn, type Finding } from './doctor-finding';

const CHECK = 'X509 proxy';

/**
 * The proxy every job carries: readable, private, and alive for longer
 * than credentials.min_lifetime, unless a renewal command will renew it.
 */
export function checkProxyFile(
  s: Settings,
  env: NodeJS.ProcessEnv,
  now = Date.now(),
): Finding {
  const c = s.credentials;
  if (!c.x509_proxy) return ok(CHECK, 'none (credentials.x509_proxy is empty)');
  const renews = c.renew_command.length > 0;
  const renewer = renews ? findProgram(c.renew_command[0] ?? '', env) : '';
  if (renewer === undefined) {
    return fix(CHECK, `credentials.renew_command: ${c.renew_command[0]} ` +
      'is not an executable file here');
  }

  let pem: string;
  try {
    pem = readFileSync(c.x509_proxy, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const hint = renews && code === 'ENOENT'
      ? 'credentials.renew_command creates it for the first job'
      : 'create it, or correct credentials.x509_proxy';
    return (renews && code === 'ENOENT' ? warn : fix)(
      CHECK, `${c.x509_proxy} cannot be read (${code}); ${hint}`);
  }

  return judgeLifetime(s, pem, now);
}

function judgeLifetime(s: Settings, pem: string, now: number): Finding {
  const c = s.credentials;
  let left: number;
  try {
    left = remainingLifetimeS(pem, now);
  } catch (error) {
    return fix(CHECK, `${c.x509_proxy}: ${describeCause(error)}`);
  }
  const minimum = parseDuration(c.min_lifetime);
  const renews = c.renew_command.length > 0;
  const mode = statSync(c.x509_proxy).mode & 0o777;
  if (left < minimum && !renews) {
    const state =
      left <= 0 ? 'has expired' : `expires in ${formatDuration(left)}`;
    return fix(CHECK, `${c.x509_proxy} ${state}, less than ` +
      `credentials.min_lifetime (${c.min_lifetime}); renew it, or set ` +
      'credentials.renew_command');
  }
  if ((mode & 0o077) !== 0) {
    return warn(CHECK, `${c.x509_proxy} has mode ${mode.toString(8)}; ` +
      'chmod 600 it, a proxy is a credential');
  }
  const renewal = left < minimum ? '; renewed before the next job' : '';

  const valid = formatDuration(Math.max(0, left));

  return ok(CHECK, `${c.x509_proxy} valid for ${valid}${renewal}`);
}
