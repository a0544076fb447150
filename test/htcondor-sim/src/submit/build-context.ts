import type { JobAd } from '../state/job-ad';
import type { SubmitHash } from './submit-hash';

/** What building one job ad needs besides the submit commands. */
export interface BuildContext {
  cluster: number;
  proc: number;
  submitCwd: string;
  env: NodeJS.ProcessEnv;
  qdate: number;
  owner: string;
  /** The access point's host name, for GlobalJobId and User. */
  apHost: string;
  /** `-batch-name` on the command line wins over `batch_name`. */
  batchName?: string;
}

/** One step of building a job ad; steps may read what earlier ones set. */
export type AdStep = (hash: SubmitHash, ad: JobAd, ctx: BuildContext) => void;

/** Commands condor_submit knows; anything else draws the typo warning. */
export const KNOWN_COMMANDS = new Set(
  `
    universe executable arguments args environment env getenv initialdir log
    log_xml output error input stream_output stream_error stream_input
    should_transfer_files when_to_transfer_output transfer_input_files
    transfer_output_files transfer_output_remaps transfer_executable
    transfer_input transfer_output transfer_error request_cpus request_memory
    request_disk request_gpus batch_name accounting_group
    accounting_group_user x509userproxy use_x509userproxy
    allowed_execute_duration allowed_job_duration job_max_vacate_time
    requirements rank periodic_remove periodic_hold periodic_release
    periodic_hold_reason periodic_hold_subcode on_exit_remove on_exit_hold
    container_image docker_image transfer_container notification notify_user
    priority job_lease_duration max_retries success_exit_code leave_in_queue
    hold kill_sig remove_kill_sig hold_kill_sig concurrency_limits nice_user
    coresize image_size description want_graceful_removal
    job_ad_information_attrs erase_output_and_error_on_restart use_scitokens
    scitokens_file max_idle encrypt_execute_directory job_machine_attrs
    stack_size retry_until container_target_dir want_docker machine_count
    job_batch_name
  `
    .trim()
    .split(/\s+/),
);
