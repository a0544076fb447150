export type {
  CondorEvent,
  EventLogError,
  EventLogReaderOptions,
  EventTime,
  EventUsage,
  JobId,
  ParsedEventLog,
} from './types';
export { EventCode, kindOfCode } from './event-kinds';
export { EventLogReader, parseEventLog } from './reader';
export {
  isTerminalState,
  jobKey,
  nextState,
  summarizeJobs,
  type JobOutcome,
  type JobState,
  type JobSummary,
} from './state';
