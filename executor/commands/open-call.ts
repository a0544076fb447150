import { condorTools } from '../condor/tools';
import { jobKey, readJobContext } from '../job/context';
import { requireStateDir, stateDirOf } from '../job/state-dir';
import { openDriverLog } from '../log/driver-log';
import { loadSettings } from '../settings/load';
import type { Settings } from '../settings/types';
import type { StageCall } from '../stages/stage-call';

/** Settings, the job as the runner described it, its state dir and logs. */
export function openCall(
  configFile: string,
  call: string,
  stage = '',
  loaded?: Settings,
): StageCall {
  const settings = loaded ?? loadSettings(configFile);
  const job = readJobContext(process.env);
  const key = jobKey(job);
  const stateDir = call === 'cleanup'
    ? stateDirOf(settings.workspace.state_dir, key)
    : requireStateDir(settings.workspace.state_dir, key);
  const log = openDriverLog({
    settings,
    jobId: job.jobId,
    call,
    stage: stage || undefined,
    stateDir: call === 'cleanup' ? undefined : stateDir,
  });

  return { settings, job, stage, stateDir, tools: condorTools(settings, process.env), log };
}
