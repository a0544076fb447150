import type { Settings } from './types';

/** The CMS CAT lxplus-like image, as published on /cvmfs/unpacked.cern.ch. */
export const CAT_IMAGE =
  '/cvmfs/unpacked.cern.ch/gitlab-registry.cern.ch/cms-cat/cmssw-lxplus/' +
  'cmssw-el7-lxplus:latest/';

export const DEFAULT_SETTINGS_FILE = '/etc/gitlab-htcondor-executor/config.toml';

/**
 * Defaults chosen so that transfer mode works on a current pool: builds_dir
 * lives under /tmp, which HTCondor mounts privately inside each job.
 */
export function defaultSettings(): Settings {
  return {
    htcondor: {
      tool_dir: '',
      schedd: '',
      pool: '',
      accounting_group: '',
      accounting_group_user: '',
      extra_submit_commands: {},
      submit_attempts: 3,
      submit_retry_delay: '5s',
      removal_wait: '20s',
      hold_releases: 1,
      unknown_hold_wait: '10m',
      reconcile_after: '10m',
      reconcile_interval: '1m',
      command_prefix: [],
      service_group: '',
    },
    container: {
      mode: 'container_image',
      default_image: CAT_IMAGE,
      allow_job_image: false,
      allowed_images: [],
    },
    workspace: {
      mode: 'transfer',
      builds_dir: '/tmp/gitlab-htcondor/builds',
      cache_dir: '/tmp/gitlab-htcondor/cache',
      builds_dir_is_shared: true,
      state_dir: '/var/tmp/gitlab-htcondor-executor',
      remote_stages: ['build_script', 'step_*', 'after_script'],
      max_returned_size: '10GiB',
      max_returned_file_size: '5GiB',
      max_returned_entries: 200_000,
      max_returned_path_length: 4096,
    },
    resources: {
      cpus: 1,
      memory: '2GiB',
      disk: '4GiB',
      gpus: 0,
      max_cpus: 8,
      max_memory: '16GiB',
      max_disk: '50GiB',
      max_gpus: 0,
      allow_overrides: ['HTCONDOR_CPUS', 'HTCONDOR_MEMORY', 'HTCONDOR_DISK'],
      runtime_margin: '5m',
      max_runtime: '1d',
    },
    credentials: {
      x509_proxy: '',
      renew_command: [],
      renew_timeout: '2m',
      min_lifetime: '1h',
    },
    logging: {
      level: 'info',
      file: '',
      queue_report_interval: '1m',
      records_file: '',
      metrics_file: '',
    },
  };
}
