import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { SystemFailure } from '../errors';

/**
 * With htcondor.command_prefix the HTCondor tools run as a service account
 * that must read each stage's wrapper, script and input archive and write
 * its event log and outputs. They are shared through one group that both
 * users belong to, and only as far as needed: the state root and the job's
 * dir may be passed through, not listed; each stage dir is the group's
 * (setgid, so that what HTCondor writes there stays readable by us).
 */
export const MODES = {
  private: { dir: 0o700, file: 0o600, program: 0o700 },
  shared: { passDir: 0o2710, stageDir: 0o2770, file: 0o640, program: 0o750 },
} as const;

export function handOverStateDir(stateDir: string, group: string): void {
  const gid = resolveGroup(group);
  const root = dirname(stateDir);
  try {
    if (lstatSync(root).uid === process.getuid?.()) {
      chownSync(root, -1, gid);
      chmodSync(root, (lstatSync(root).mode & 0o7777) | 0o010);
    }
    chownSync(stateDir, -1, gid);
    chmodSync(stateDir, MODES.shared.passDir);
  } catch (error) {
    throw new SystemFailure(
      `cannot hand the state dir over to group ${group} (htcondor.service_group); ` +
        "the runner's user must belong to it",
      { cause: error },
    );
  }
}

/** Whether a dir of this job was handed over (setgid, group may enter). */
export function isHandedOver(dir: string): boolean {
  const mode = lstatSync(dir).mode;
  return (mode & 0o2000) !== 0 && (mode & 0o010) !== 0;
}

/** A group number, or the number of a group name (local or directory). */
export function resolveGroup(group: string): number {
  if (/^\d+$/.test(group)) return Number(group);
  try {
    const line = execFileSync('getent', ['group', group], { encoding: 'utf8', timeout: 10_000 });
    const gid = Number(line.split(':')[2]);
    if (Number.isInteger(gid)) return gid;
  } catch {
    // fall through: the message below says what to check
  }

  throw new SystemFailure(`htcondor.service_group: no group ${JSON.stringify(group)} on this host`);
}
