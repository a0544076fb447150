/** The admin's settings after validation, with every default filled in. */
export interface Settings {
  htcondor: {
    tool_dir: string;
    schedd: string;
    pool: string;
    accounting_group: string;
    accounting_group_user: string;
    extra_submit_commands: Record<string, string>;
    submit_attempts: number;
    submit_retry_delay: string;
    removal_wait: string;
    hold_releases: number;
    unknown_hold_wait: string;
    reconcile_after: string;
    reconcile_interval: string;
    command_prefix: string[];
    service_group: string;
  };
  container: {
    mode: 'container_image' | 'singularity_image' | 'none';
    default_image: string;
    allow_job_image: boolean;
    allowed_images: string[];
  };
  workspace: {
    mode: 'transfer' | 'shared';
    builds_dir: string;
    cache_dir: string;
    builds_dir_is_shared: boolean;
    state_dir: string;
    remote_stages: string[];
    max_returned_size: string;
    max_returned_file_size: string;
    max_returned_entries: number;
    max_returned_path_length: number;
  };
  resources: {
    cpus: number;
    memory: string;
    disk: string;
    gpus: number;
    max_cpus: number;
    max_memory: string;
    max_disk: string;
    max_gpus: number;
    allow_overrides: string[];
    runtime_margin: string;
    max_runtime: string;
  };
  credentials: {
    x509_proxy: string;
    renew_command: string[];
    renew_timeout: string;
    min_lifetime: string;
  };
  logging: {
    level: 'error' | 'warn' | 'info' | 'debug';
    file: string;
    queue_report_interval: string;
    records_file: string;
    metrics_file: string;
  };
}

export type SectionName = keyof Settings;
