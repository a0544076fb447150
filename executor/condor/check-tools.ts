import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SystemFailure } from '../errors';
import type { Settings } from '../settings/types';
import type { CondorTool } from './tools';

const NEEDED: CondorTool[] = ['condor_submit', 'condor_rm', 'condor_q', 'condor_history'];

/** Finds the tools without running them: prepare costs the schedd nothing. */
export function checkTools(settings: Settings, env: NodeJS.ProcessEnv): void {
  const dirs = settings.htcondor.tool_dir
    ? [settings.htcondor.tool_dir]
    : (env.PATH ?? '').split(delimiter).filter(Boolean);
  const missing = NEEDED.filter((tool) => !dirs.some((dir) => isExecutable(join(dir, tool))));
  if (missing.length === 0) return;

  const where = settings.htcondor.tool_dir
    ? `in htcondor.tool_dir (${settings.htcondor.tool_dir})`
    : 'on PATH';
  throw new SystemFailure(`HTCondor tools not found ${where}: ${missing.join(', ')}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
