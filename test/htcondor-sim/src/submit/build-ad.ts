import { statSync } from 'node:fs';
import { adValueFromText } from '../classad/ad-values';
import { ClassAdSyntaxError } from '../classad/lexer';
import { type JobAd, JobStatus } from '../state/job-ad';
import { setExecutable, setIwd, setStdio, setTransfer } from './ad-files';
import { setIdentity, setProgramArgs, setProxy } from './ad-identity';
import { setPolicy, setResources, setUniverse } from './ad-resources';
import {
  type AdStep,
  type BuildContext,
  KNOWN_COMMANDS,
} from './build-context';
import { SubmitError } from './lines';
import type { SubmitHash } from './submit-hash';

const STEPS: AdStep[] = [
  setIwd, setUniverse, setExecutable, setStdio, setTransfer, setProgramArgs,
  setResources, setPolicy, setIdentity, setProxy,
];

/** Builds the job ad condor_submit would send to the schedd for one job. */
export function buildJobAd(hash: SubmitHash, ctx: BuildContext): JobAd {
  const ad: JobAd = { ClusterId: ctx.cluster, ProcId: ctx.proc };
  for (const step of STEPS) step(hash, ad, ctx);
  setCustomAttributes(hash, ad);
  setQueueState(ad, ctx);

  return ad;
}

/** `MY.Attr` / `+Attr`: macro-expanded, then parsed as old-ClassAd. */
function setCustomAttributes(hash: SubmitHash, ad: JobAd): void {
  for (const a of hash.customAttributes()) {
    const name = a.key.replace(/^(\+|my\.)/i, '');
    const value = hash.expand(a.value).trim();
    try {
      ad[name] = adValueFromText(value === '' ? 'undefined' : value);
    } catch (err) {
      if (!(err instanceof ClassAdSyntaxError)) throw err;
      throw new SubmitError([
        'ERROR: Parse error in expression: ',
        `\t${name} = ${value}`,
      ]);
    }
  }
}

function setQueueState(ad: JobAd, ctx: BuildContext): void {
  const exeKb = fileKb(String(ad.Cmd));
  Object.assign(ad, {
    MyType: 'Job',
    TargetType: 'Machine',
    JobStatus: JobStatus.Idle,
    QDate: ctx.qdate,
    EnteredCurrentStatus: ctx.qdate,
    CompletionDate: 0,
    NumJobStarts: 0,
    NumShadowStarts: 0,
    JobRunCount: 0,
    NumRestarts: 0,
    NumHolds: 0,
    ExitBySignal: false,
    ExitStatus: 0,
    ImageSize: exeKb,
    DiskUsage: exeKb,
    MaxHosts: 1,
    MinHosts: 1,
    CurrentHosts: 0,
    RootDir: '/',
    JobNotification: 0,
    CumulativeSlotTime: 0,
    RemoteWallClockTime: 0,
    RemoteUserCpu: 0,
    RemoteSysCpu: 0,
  });
  if (ad.JobPrio === undefined) ad.JobPrio = 0;
}

function fileKb(path: string): number {
  try {
    return Math.max(1, Math.ceil(statSync(path).size / 1024));
  } catch {
    return 1;
  }
}

/** The warning real condor_submit prints for a command nobody used. */
export function unusedWarnings(hash: SubmitHash): string[] {
  return hash
    .unused()
    .filter((a) => !KNOWN_COMMANDS.has(a.key.toLowerCase()))
    .map(
      (a) =>
        `WARNING: the line '${a.key} = ${a.value}' was unused by ` +
        'condor_submit. Is it a typo?',
    );
}
