import type { CondorTools } from '../condor/tools';
import type { JobContext } from '../job/context';
import type { DriverLog } from '../log/driver-log';
import type { Settings } from '../settings/types';

/** Everything one `run` call works with. */
export interface StageCall {
  settings: Settings;
  job: JobContext;
  stage: string;
  stateDir: string;
  tools: CondorTools;
  log: DriverLog;
}
