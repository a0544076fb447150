/**
 * JSON Schema of the settings file. Published for editors (docs/) and used by
 * ajv to check the shape; the named rules in rules.ts check meaning.
 */
const str = (description: string) => ({ type: 'string', description });
const absPath = (description: string) => ({
  type: 'string',
  pattern: '^/',
  description,
});
const optionalAbsPath = (description: string) => ({
  type: 'string',
  pattern: '^(/.*)?$',
  description: `${description} (an absolute path)`,
});
const size = (description: string) => ({
  type: 'string',
  pattern: '^\\s*\\d+(\\.\\d+)?\\s*([KMGT]i?B?)?\\s*$',
  description: `${description} (a size such as 2GiB, 512MB or 2048M)`,
});
const duration = (description: string) => ({
  type: 'string',
  pattern: '^\\s*(\\d+\\s*[smhd]\\s*)+$',
  description: `${description} (a duration such as 90s, 5m or 1h30m)`,
});
const count = (description: string, max: number) => ({
  type: 'integer',
  minimum: 0,
  maximum: max,
  description,
});

function section(properties: Record<string, object>) {
  return { type: 'object', additionalProperties: false, properties };
}

export const settingsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'gitlab-htcondor-executor settings',
  type: 'object',
  additionalProperties: false,
  properties: {
    htcondor: section({
      tool_dir: str('directory holding condor_submit and friends; empty: PATH'),
      schedd: str('schedd name passed as -name; empty: the local schedd'),
      pool: str('collector passed as -pool; empty: the configured one'),
      accounting_group: str('accounting_group of every job'),
      accounting_group_user: str('accounting_group_user of every job'),
      extra_submit_commands: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'submit commands added to every job, verbatim',
      },
      submit_attempts: { type: 'integer', minimum: 1, maximum: 20 },
      submit_retry_delay: duration('first pause between submit attempts'),
      removal_wait: duration('how long to wait for a removal event'),
      hold_releases: { type: 'integer', minimum: 0, maximum: 10 },
      unknown_hold_wait: duration('how long a job may stay held for a reason we do not know'),
      reconcile_after: duration('event-log silence before asking the schedd'),
      reconcile_interval: duration('least time between two schedd queries for one job'),
      command_prefix: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'command that runs the HTCondor tools as another user',
      },
      service_group: str('group shared with the service account of command_prefix'),
    }),
    container: section({
      mode: { enum: ['container_image', 'singularity_image', 'none'] },
      default_image: str('image used when the job names none'),
      allow_job_image: { type: 'boolean' },
      allowed_images: { type: 'array', items: { type: 'string' } },
    }),
    workspace: section({
      mode: { enum: ['transfer', 'shared'] },
      builds_dir: absPath('builds_dir reported to gitlab-runner'),
      cache_dir: absPath('cache_dir reported to gitlab-runner'),
      builds_dir_is_shared: { type: 'boolean' },
      state_dir: absPath('private per-job state (0700)'),
      remote_stages: {
        type: 'array',
        items: { type: 'string', pattern: '^[a-z_]+\\*?$' },
      },
      max_returned_size: size('most bytes a job may send back in all'),
      max_returned_file_size: size('largest file a job may send back'),
      max_returned_entries: { type: 'integer', minimum: 1, maximum: 10_000_000 },
      max_returned_path_length: { type: 'integer', minimum: 256, maximum: 65_536 },
    }),
    resources: section({
      cpus: count('request_cpus by default', 1024),
      memory: size('request_memory by default'),
      disk: size('request_disk by default'),
      gpus: count('request_gpus by default', 64),
      max_cpus: count('largest HTCONDOR_CPUS a job may ask for', 1024),
      max_memory: size('largest HTCONDOR_MEMORY a job may ask for'),
      max_disk: size('largest HTCONDOR_DISK a job may ask for'),
      max_gpus: count('largest HTCONDOR_GPUS a job may ask for', 64),
      allow_overrides: {
        type: 'array',
        items: {
          enum: [
            'HTCONDOR_CPUS',
            'HTCONDOR_MEMORY',
            'HTCONDOR_DISK',
            'HTCONDOR_GPUS',
            'HTCONDOR_RUNTIME',
          ],
        },
      },
      runtime_margin: duration('extra run time beyond the CI job timeout'),
      max_runtime: duration('largest HTCONDOR_RUNTIME a job may ask for'),
    }),
    credentials: section({
      x509_proxy: str('X509 proxy file sent with every job; empty: none'),
      renew_command: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'command that renews the proxy (e.g. voms-proxy-init)',
      },
      renew_timeout: duration('longest time the renewal command may take'),
      min_lifetime: duration('least remaining proxy lifetime before renewal'),
    }),
    logging: section({
      level: { enum: ['error', 'warn', 'info', 'debug'] },
      file: str('runner-wide driver log; empty: <state_dir>/driver.log'),
      queue_report_interval: duration('how often the CI log says a job still waits'),
      records_file: optionalAbsPath(
        'one JSON line per CI job, appended at cleanup; ' +
          'empty: <state_dir>/jobs.jsonl',
      ),
      metrics_file: optionalAbsPath(
        'Prometheus text file rewritten at cleanup, for the textfile ' +
          'collector of node_exporter; empty: none',
      ),
    }),
  },
} as const;
