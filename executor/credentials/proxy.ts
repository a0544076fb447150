import { X509Certificate } from 'node:crypto';
import { type Stats, readFileSync, statSync } from 'node:fs';
import { runCommand, toolEnvironment, withPrefix } from '../condor/tools';
import type { Settings } from '../settings/types';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** What the proxy file says about itself; `why` is safe for the CI log. */
export type ProxyLook =
  | { usable: true; remainingS: number }
  | { usable: false; why: string; remainingS?: number };

/**
 * Reads the proxy of credentials.x509_proxy and its remaining lifetime,
 * with Node's X509 parser. Its text is never logged or kept; the path is
 * never printed to the CI log.
 */
export async function inspectProxy(settings: Settings, now = Date.now()): Promise<ProxyLook> {
  const path = settings.credentials.x509_proxy;
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    return { usable: false, why: `cannot be read (${codeOf(error)})` };
  }
  if (!stat.isFile()) return { usable: false, why: 'is not a regular file' };
  const mode = stat.mode;
  if ((mode & 0o077) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(4, '0');
    return { usable: false, why: `may be read by others (mode ${shown}); it must be 0600` };
  }
  const pem = await readProxyText(settings);
  if (typeof pem !== 'string') return { usable: false, why: pem.why };

  return lifetimeOf(pem, now);
}

export function lifetimeOf(pem: string, now: number): ProxyLook {
  let remainingS: number;
  try {
    remainingS = remainingLifetimeS(pem, now);
  } catch (error) {
    return { usable: false, why: (error as Error).message };
  }
  if (remainingS <= 0) return { usable: false, why: 'has expired', remainingS };

  return { usable: true, remainingS };
}

/**
 * Seconds until the first certificate of the chain stops being valid: a
 * proxy is only as good as the shortest-lived certificate in its file.
 */
export function remainingLifetimeS(pem: string, now = Date.now()): number {
  const blocks = pem.match(PEM_CERT) ?? [];
  if (blocks.length === 0) throw new Error('holds no PEM certificate');

  let ends = Infinity;
  for (const block of blocks) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      throw new Error('holds a certificate that cannot be parsed');
    }
    if (Date.parse(cert.validFrom) > now) throw new Error('is not valid yet');
    ends = Math.min(ends, Date.parse(cert.validTo));
  }

  return Math.floor((ends - now) / 1000);
}

/**
 * Directly when the runner's user may read it; a proxy that belongs to
 * the service account of htcondor.command_prefix is read through the
 * prefix (`cat`), into memory only.
 */
async function readProxyText(settings: Settings): Promise<string | { why: string }> {
  const path = settings.credentials.x509_proxy;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (codeOf(error) !== 'EACCES' || settings.htcondor.command_prefix.length === 0) {
      return { why: `cannot be read (${codeOf(error)})` };
    }
  }
  const line = withPrefix(settings, 'cat', ['--', path]);
  const r = await runCommand(line, { env: toolEnvironment(process.env), timeoutMs: 30_000 });
  if (r.exitCode === 0 && !r.spawnError) return r.stdout;

  return { why: 'cannot be read, not even through htcondor.command_prefix' };
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unreadable';
}
