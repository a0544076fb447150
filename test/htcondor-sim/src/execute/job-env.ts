import { join } from 'node:path';
import { type JobAd, numberAttr } from '../state/job-ad';
import { environmentOfAd } from '../submit/environment';
import type { Sandbox } from './sandbox';

/**
 * The job's environment: what the submit description asked for, plus the
 * variables a starter sets. Nothing leaks in from the daemon's own
 * environment, as on a real execute point.
 */
export function buildJobEnv(ad: JobAd, box: Sandbox, slotName: string) {
  const cpus = String(numberAttr(ad, 'RequestCpus') ?? 1);
  const env: Record<string, string> = {
    ...environmentOfAd(ad),
    _CONDOR_SCRATCH_DIR: box.dir,
    _CONDOR_SLOT: slotName.split('@')[0] ?? 'slot1',
    _CONDOR_JOB_AD: join(box.dir, '.job.ad'),
    _CONDOR_MACHINE_AD: join(box.dir, '.machine.ad'),
    _CONDOR_JOB_IWD: box.cwd,
    TMPDIR: box.tmp,
    TMP: box.tmp,
    TEMP: box.tmp,
    BATCH_SYSTEM: 'HTCondor',
    OMP_NUM_THREADS: cpus,
    MKL_NUM_THREADS: cpus,
  };
  if (box.proxy) env.X509_USER_PROXY = box.proxy;

  return env;
}

export function machineAdText(host: string, slot: string, ad: JobAd): string {
  const lines = [
    `Name = "${slot}"`,
    `Machine = "${host}"`,
    'OpSys = "LINUX"',
    'Arch = "X86_64"',
    `Cpus = ${numberAttr(ad, 'RequestCpus') ?? 1}`,
    `Memory = ${numberAttr(ad, 'RequestMemory') ?? 2048}`,
  ];

  return `${lines.join('\n')}\n`;
}
