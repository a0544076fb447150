import { join } from 'node:path';
import { SystemFailure } from '../errors';
import { runCommand, toolEnvironment, withPrefix } from '../condor/tools';
import { formatDuration, parseDuration } from '../settings/units';
import type { Settings } from '../settings/types';
import { acquireLock } from './lock';
import { inspectProxy, type ProxyLook } from './proxy';

export interface ProxyState {
  remainingS: number;
  renewed: boolean;
}

/**
 * The proxy sent with every job must outlive the longest job it serves
 * (and credentials.min_lifetime). When it would not, the admin's renewal
 * command runs, one renewal at a time on this host, however many prepare
 * calls find the proxy short at once. An expired or unreadable proxy is
 * never submitted: that is a system failure saying why.
 */
export async function ensureProxy(
  settings: Settings,
  runtimeS: number | undefined,
): Promise<ProxyState | undefined> {
  if (!settings.credentials.x509_proxy) return undefined;
  const neededS = Math.max(runtimeS ?? 0, parseDuration(settings.credentials.min_lifetime));
  const look = await inspectProxy(settings);
  if (look.usable && look.remainingS >= neededS) {
    return { remainingS: look.remainingS, renewed: false };
  }
  if (settings.credentials.renew_command.length === 0) throw refusal(look, neededS);

  return renewUnderLock(settings, neededS);
}

async function renewUnderLock(settings: Settings, neededS: number): Promise<ProxyState> {
  const timeoutMs = parseDuration(settings.credentials.renew_timeout) * 1000;
  const lockFile = join(settings.workspace.state_dir, 'proxy-renewal.lock');
  const lock = await acquireLock(lockFile, {
    timeoutMs: timeoutMs + 30_000,
    staleMs: 2 * timeoutMs + 60_000,
  });
  if (!lock) {
    throw new SystemFailure(
      'another call has been renewing the X509 proxy for too long; try again',
    );
  }
  try {
    // Whoever held the lock before may have renewed it already.
    const before = await inspectProxy(settings);
    if (before.usable && before.remainingS >= neededS) {
      return { remainingS: before.remainingS, renewed: false };
    }
    await runRenewal(settings, timeoutMs);
    const after = await inspectProxy(settings);
    if (after.usable && after.remainingS >= neededS) {
      return { remainingS: after.remainingS, renewed: true };
    }
    throw refusal(after, neededS, ' after credentials.renew_command ran');
  } finally {
    lock.release();
  }
}

async function runRenewal(settings: Settings, timeoutMs: number): Promise<void> {
  const [command = '', ...args] = settings.credentials.renew_command;
  const line = withPrefix(settings, command, args);
  const r = await runCommand(line, { env: toolEnvironment(process.env), timeoutMs });
  if (r.exitCode === 0 && !r.spawnError) return;

  const last = r.stderr.trim().split('\n').pop()?.slice(0, 200) ?? '';
  const why = r.spawnError ?? `exit code ${r.exitCode}${last ? `: ${last}` : ''}`;
  throw new SystemFailure(`renewing the X509 proxy with credentials.renew_command failed (${why})`);
}

function refusal(look: ProxyLook, neededS: number, after = ''): SystemFailure {
  const proxy = `the X509 proxy configured in credentials.x509_proxy${after}`;
  if (!look.usable) return new SystemFailure(`${proxy} ${look.why}; nothing was submitted`);

  return new SystemFailure(
    `${proxy} expires in ${formatDuration(look.remainingS)}, before the job could end ` +
      `(${formatDuration(neededS)}); renew it, or set credentials.renew_command`,
  );
}
