/** Sizes and repetitions; the defaults are the full benchmark. */
export interface BenchOptions {
  startupReps: number;
  remoteReps: number;
  logLines: number;
  throughputBytes: number;
  workspaceBytes: number;
  workspaceFiles: number;
  waitingDrivers: number;
  eventLogBytes: number;
}

export const FULL: BenchOptions = {
  startupReps: 40,
  remoteReps: 30,
  logLines: 200,
  throughputBytes: 200 * 2 ** 20,
  workspaceBytes: 2 ** 30,
  workspaceFiles: 10_000,
  waitingDrivers: 100,
  eventLogBytes: 10 * 2 ** 20,
};
