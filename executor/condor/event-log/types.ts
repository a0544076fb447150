/**
 * The event model of an HTCondor job event log ("user log", the file named by
 * `log =` in a submit description), text format.
 */

/** HTCondor job id as written in an event header: `(Cluster.Proc.Subproc)`. */
export interface JobId {
  cluster: number;
  proc: number;
  subproc: number;
}

export interface EventTime {
  /** Date and time exactly as written, e.g. `2024-04-30 18:37:51.123Z`. */
  text: string;
  /**
   * Milliseconds since the epoch. Local time of this process unless `utc`.
   * Legacy `MM/DD` dates get the year that puts them closest to (and not
   * more than a day after) the reference time.
   */
  epochMs: number;
  /** Written with a trailing `Z`. */
  utc: boolean;
  /** Written as `MM/DD HH:MM:SS`, without a year. */
  legacy: boolean;
}

/** Resource usage reported by 004, 005, 006, 007 and 015 events. */
export interface EventUsage {
  /** `Usr` part of the `Run Remote Usage` line. */
  remoteUserCpuS?: number;
  /** `Sys` part of the `Run Remote Usage` line. */
  remoteSysCpuS?: number;
  /** 005/004 table `Memory (MB)` usage, or 006 `MemoryUsage of job (MB)`. */
  memoryMb?: number;
  /** Table row `Disk (KB)`, usage column. */
  diskKb?: number;
  /** `Run Bytes Sent By Job` (or `By Node`). */
  bytesSent?: number;
  /** `Run Bytes Received By Job` (or `By Node`). */
  bytesReceived?: number;
}

export interface CondorEvent {
  /** The three-digit event number (ULogEventNumber). */
  code: number;
  /** Lower-case name of the code; `unknown` for codes this reader lacks. */
  kind: string;
  id: JobId;
  time: EventTime;
  /** Header text after the date and time, as written. */
  message: string;
  /** Body lines as written, without line terminators; blank lines kept. */
  body: string[];
  /** 001/014: the sinful string (or host name) the job executes on. */
  host?: string;
  /** 001: `SlotName` when present. */
  slot?: string;
  /** 005, 015, 016 and requeueing 004 events. */
  terminatedNormally?: boolean;
  /** Return value of a normal termination. */
  returnValue?: number;
  /** Signal of an abnormal termination. */
  signal?: number;
  /** 012: `HoldReason`, `HoldReasonCode`, `HoldReasonSubCode`. */
  holdReason?: string;
  holdCode?: number;
  holdSubcode?: number;
  /** 004, 007, 009, 013, 022, 024: the reason line, trimmed. */
  reason?: string;
  /** 028 and 001 `Attr = value` lines: raw ClassAd expression text. */
  attributes?: Record<string, string>;
  usage?: EventUsage;
}

/**
 * A stretch of the log that could not be read as an event. The reader skips
 * it up to and including the next `...` line and carries on: a damaged event
 * never stops the events after it.
 */
export interface EventLogError {
  /** 1-based line number of the offending line within everything pushed. */
  line: number;
  /** The offending line (truncated to 200 characters). */
  text: string;
  /** What was wrong with it. */
  message: string;
}

export interface EventLogReaderOptions {
  /**
   * Epoch milliseconds used to give legacy `MM/DD` dates a year. Without it
   * the clock is read when each event is parsed, which suits a live log.
   */
  referenceTime?: number;
}

export interface ParsedEventLog {
  events: CondorEvent[];
  /** Text of an unfinished last event (no `...` yet), or null. */
  partial: string | null;
  /** Malformed stretches that were skipped, in log order. */
  errors: EventLogError[];
}
