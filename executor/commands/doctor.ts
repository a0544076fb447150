import { ConfigurationError, describeCause } from '../errors';
import { loadSettings } from '../settings/load';
import type { Settings } from '../settings/types';
import { checkBash, checkCondorTools, checkSchedd } from './doctor-condor';
import { fix, ok, type Finding, type Verdict } from './doctor-finding';
import { checkDefaultImage } from './doctor-image';
import { checkPaths } from './doctor-paths';
import { checkProxyFile } from './doctor-proxy';

/** `doctor` exits 0 when nothing must be fixed, else this. */
export const DOCTOR_FIX_EXIT = 1;

const LABELS: Record<Verdict, string> = {
  ok: 'ok  ',
  warn: 'warn',
  fix: 'FIX ',
};

/**
 * `gitlab-htcondor-executor doctor --config FILE`, for the admin and for
 * scripts: one line per check, `ok`, `warn` (works, but have a look) or
 * `FIX` with what to change; exit 0, or 1 when something must be fixed.
 */
export async function doctorCommand(configFile: string): Promise<void> {
  let findings: Finding[];
  try {
    findings = await runChecks(configFile, process.env, (f) => {
      process.stdout.write(formatFinding(f));
    });
  } catch (error) {
    findings = [fix('doctor', `internal error: ${describeCause(error)}`)];
    process.stdout.write(formatFinding(findings[0] as Finding));
  }

  const failed = findings.filter((f) => f.verdict === 'fix').length;
  process.stdout.write(failed === 0
    ? 'doctor: nothing to fix\n'
    : `doctor: ${failed} ${failed === 1 ? 'thing' : 'things'} to fix\n`);
  process.exitCode = failed === 0 ? 0 : DOCTOR_FIX_EXIT;
}

export function formatFinding(f: Finding): string {
  return `${LABELS[f.verdict]} ${f.check}: ${f.text}\n`;
}

/** Every check in order; each finding is reported as soon as it is known. */
export async function runChecks(
  configFile: string,
  env: NodeJS.ProcessEnv,
  report: (f: Finding) => void = () => undefined,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const note = (f: Finding) => {
    findings.push(f);
    report(f);
    return f;
  };

  const settings = readSettings(configFile);
  if (!('workspace' in settings)) {
    settings.forEach(note);
    return findings;
  }
  note(ok('settings', `${configFile} is valid`));
  await checkWith(settings, env, note);

  return findings;
}

async function checkWith(
  s: Settings,
  env: NodeJS.ProcessEnv,
  note: (f: Finding) => Finding,
): Promise<void> {
  note(checkBash(env));
  const tools = note(checkCondorTools(s, env));
  note(await checkSchedd(s, env, tools.verdict === 'ok'));
  note(await checkProxyFile(s, env));
  checkPaths(s).forEach(note);
  note(checkDefaultImage(s));
}

/** The settings, or one finding per problem in them. */
function readSettings(configFile: string): Settings | Finding[] {
  try {
    return loadSettings(configFile);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) {
      return [fix('settings', describeCause(error))];
    }
    return error.problems.map((p) => fix('settings', `${configFile}: ${p}`));
  }
}
