import { BuildFailure, DriverError } from '../errors';
import { loadSettings } from '../settings/load';
import { isRemoteStage, listedAsLocal, remoteStagesFromEnv } from '../stages/plan';
import { runLocalStage } from '../stages/run-local';

/**
 * run_exec: remote stages become HTCondor jobs, every other stage runs
 * here with bash. Local stages skip the logger and HTCondor modules.
 */
export async function runCommand(configFile: string, script: string, stage: string): Promise<void> {
  // The list config handed out decides for the whole job: a stage it names
  // local reads no settings, one it names remote ignores remote_stages.
  if (listedAsLocal(stage, process.env)) return runLocalStage(script, stage);
  const settings = loadSettings(configFile);
  const remoteStages = remoteStagesFromEnv(process.env) ?? settings.workspace.remote_stages;
  if (!isRemoteStage(stage, remoteStages)) return runLocalStage(script, stage);

  quietWhileWaiting();
  const { openCall } = require('./open-call') as typeof import('./open-call');
  const call = openCall(configFile, 'run', stage, settings);
  call.log.info('remote stage starts', { projectDir: call.job.projectDir });
  const { runRemoteStage } = require('../stages/remote/run-remote') as typeof import('../stages/remote/run-remote');
  try {
    await runRemoteStage(call, script);
    call.log.info('remote stage succeeded');
  } catch (error) {
    const kind = error instanceof DriverError ? error.kind : 'internal';
    const exitCode = error instanceof BuildFailure ? error.exitCode : undefined;
    call.log.error('remote stage failed', { kind, exitCode, message: (error as Error).message });
    throw error;
  } finally {
    await call.log.close();
  }
}

/**
 * A remote stage may wait hours for its job with next to nothing to do,
 * yet V8's memory reducer would wake it some 8 s after start-up for two
 * full garbage collections of a heap of a few MB that hardly changes: some
 * 40 ms of CPU per stage, most of what a hundred waiting drivers used in
 * their first minute. The flag keeps the reducer for heaps that are large
 * enough to be worth shrinking; it must be set before the reducer is first
 * armed, which happens at the first garbage collections.
 */
function quietWhileWaiting(): void {
  const { setFlagsFromString } = require('node:v8') as typeof import('node:v8');
  setFlagsFromString('--no-memory-reducer-for-small-heaps');
}
