/** What the fake coordinator serves and what it records, GitLab's way. */

export interface FakeCoordinatorOptions {
  /**
   * The job JSON handed out by `POST /api/v4/jobs/request` (spec.Job), or
   * a function that makes it once the coordinator's URL is known.
   */
  job: FakeJobPayload | ((url: string) => Promise<FakeJobPayload>);
  /** Token the runner must send in `POST /jobs/request`. */
  runnerToken: string;
  /** Seconds the runner waits between trace PATCHes (header). */
  traceUpdateIntervalS?: number;
  /** Told about each accepted trace PATCH, with the text it added. */
  onTrace?: (text: string) => void;
}

/** The parts of the job JSON the coordinator itself reads. */
export interface FakeJobPayload {
  id: number;
  token: string;
  [key: string]: unknown;
}

/** The options once the job JSON is made. */
export interface ResolvedOptions extends FakeCoordinatorOptions {
  job: FakeJobPayload;
}

export interface PatchRecord {
  at: number;
  /** From Content-Range `start-end` (end inclusive). */
  start: number;
  end: number;
  status: number;
  text: string;
}

export interface UpdateRecord {
  at: number;
  state: string;
  failureReason?: string;
  exitCode?: number;
  checksum?: string;
  bytesize?: number;
  /** Job-Status header sent back, if any. */
  answered?: string;
}

export interface ArtifactRecord {
  at: number;
  fileName: string;
  format?: string;
  type?: string;
  expireIn?: string;
  data: Buffer;
}

/** The job as GitLab stores it once the runner's final update arrived. */
export interface FinalJob {
  status: 'success' | 'failed' | 'canceled';
  failureReason?: string;
  exitCode?: number;
  /** The runner's `output.checksum` matched the stored trace. */
  checksumMatches: boolean;
  at: number;
}

export interface CoordinatorRecord {
  jobRequests: number;
  jobHandedOutAt?: number;
  patches: PatchRecord[];
  updates: UpdateRecord[];
  artifacts: ArtifactRecord[];
  /** The trace exactly as stored: the bytes of every accepted PATCH. */
  trace: Buffer;
  cancelRequestedAt?: number;
  /** When the first `Job-Status: canceling` went out. */
  cancelSentAt?: number;
  final?: FinalJob;
}
