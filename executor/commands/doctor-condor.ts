import { checkTools } from '../condor/check-tools';
import { condorTools } from '../condor/tools';
import { describeCause } from '../errors';
import type { Settings } from '../settings/types';
import { findProgram, fix, ok, warn, type Finding } from './doctor-finding';

/** bash runs the runner's local stages on this host. */
export function checkBash(env: NodeJS.ProcessEnv): Finding {
  const bash = findProgram('bash', env);

  return bash
    ? ok('bash', `${bash}`)
    : fix('bash', 'not found on PATH; install bash on the runner host');
}

export function checkCondorTools(s: Settings, env: NodeJS.ProcessEnv) {
  const where = s.htcondor.tool_dir
    ? `in htcondor.tool_dir (${s.htcondor.tool_dir})`
    : 'on PATH';
  try {
    checkTools(s, env);
  } catch (error) {
    return fix('HTCondor tools', `${describeCause(error)}; install the ` +
      'HTCondor client tools here, or set htcondor.tool_dir');
  }

  return ok('HTCondor tools', `condor_submit, condor_q, condor_rm and ` +
    `condor_history found ${where}`);
}

/**
 * One condor_q with the schedd and pool of every job: it proves the name,
 * the network path and this account's authentication at once.
 */
export async function checkSchedd(
  s: Settings,
  env: NodeJS.ProcessEnv,
  toolsFound: boolean,
): Promise<Finding> {
  if (!toolsFound) {
    return warn('schedd', 'not queried: condor_q must be found first');
  }
  const tools = condorTools(s, env);
  const r = await tools.run('condor_q', ['-totals'], 60_000);
  if (r.spawnError || r.exitCode !== 0) {
    const why = firstLines(r.spawnError ?? (r.stderr || r.stdout));
    return fix('schedd', `condor_q -totals failed for ${tools.describe()}: ` +
      `${why}; check htcondor.schedd and htcondor.pool, and that this ` +
      'account may query the schedd (at CERN: a Kerberos ticket, klist)');
  }
  const total = /Total for query: (\d+) jobs?/.exec(r.stdout)?.[1];
  const jobs = total === undefined ? '' : ` (${total} jobs of this user)`;

  return ok('schedd', `${tools.describe()} answered condor_q${jobs}`);
}

/** HTCondor's error stacks are long; two lines say what went wrong. */
function firstLines(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);

  return lines.slice(0, 2).join(' / ') || 'no message';
}
