/**
 * Event numbers (HTCondor's ULogEventNumber) and the names this project uses
 * for them. HTCondor's header text changed between versions; the number did
 * not, so everything downstream keys on it.
 */
const KINDS: readonly string[] = [
  'submit', // 000
  'execute',
  'executable_error',
  'checkpointed',
  'evicted',
  'terminated', // 005
  'image_size',
  'shadow_exception',
  'generic',
  'aborted',
  'suspended', // 010
  'unsuspended',
  'held',
  'released',
  'node_execute',
  'node_terminated', // 015
  'post_script_terminated',
  'globus_submit',
  'globus_submit_failed',
  'globus_resource_up',
  'globus_resource_down', // 020
  'remote_error',
  'disconnected',
  'reconnected',
  'reconnect_failed',
  'grid_resource_up', // 025
  'grid_resource_down',
  'grid_submit',
  'job_ad_information',
  'job_status_unknown',
  'job_status_known', // 030
  'job_stage_in',
  'job_stage_out',
  'attribute_update',
  'preskip',
  'cluster_submit', // 035
  'cluster_remove',
  'factory_paused',
  'factory_resumed',
  'none',
  'file_transfer', // 040
  'reserve_space',
  'release_space',
  'file_complete',
  'file_used',
  'file_removed', // 045
  'dataflow_job_skipped',
];

/** Name of an event number, `unknown` for numbers newer than this list. */
export function kindOfCode(code: number): string {
  return KINDS[code] ?? 'unknown';
}

/** Event numbers the job state machine and the parser refer to by name. */
export const EventCode = {
  submit: 0,
  execute: 1,
  evicted: 4,
  terminated: 5,
  imageSize: 6,
  shadowException: 7,
  aborted: 9,
  suspended: 10,
  unsuspended: 11,
  held: 12,
  released: 13,
  nodeExecute: 14,
  nodeTerminated: 15,
  postScriptTerminated: 16,
  disconnected: 22,
  reconnected: 23,
  reconnectFailed: 24,
  jobAdInformation: 28,
  fileTransfer: 40,
} as const;
