import { parseDuration, parseSize } from './units';
import type { Settings } from './types';

type Rule = (s: Settings) => string | undefined;

/** Rules about meaning that a schema cannot say; each returns one problem. */
const rules: Rule[] = [
  (s) => atMost('resources.cpus', s.resources.cpus, 'resources.max_cpus', s.resources.max_cpus),
  (s) => atMost('resources.gpus', s.resources.gpus, 'resources.max_gpus', s.resources.max_gpus),
  (s) => sizeAtMost(s, 'memory'),
  (s) => sizeAtMost(s, 'disk'),
  (s) =>
    s.container.mode !== 'none' && s.container.default_image === ''
      ? 'container.default_image: expected an image path or docker:// name when ' +
        `container.mode is ${JSON.stringify(s.container.mode)}, got ""`
      : undefined,
  (s) =>
    s.workspace.builds_dir.startsWith(s.workspace.state_dir + '/')
      ? 'workspace.builds_dir: must not lie inside workspace.state_dir, got ' +
        JSON.stringify(s.workspace.builds_dir)
      : undefined,
  (s) =>
    s.htcondor.tool_dir !== '' && !s.htcondor.tool_dir.startsWith('/')
      ? `htcondor.tool_dir: expected an absolute path, got ${JSON.stringify(s.htcondor.tool_dir)}`
      : undefined,
  (s) => badExtraCommand(s.htcondor.extra_submit_commands),
  (s) => durationOk('htcondor.submit_retry_delay', s.htcondor.submit_retry_delay),
  (s) => durationOk('htcondor.removal_wait', s.htcondor.removal_wait),
  (s) => durationOk('resources.runtime_margin', s.resources.runtime_margin),
  (s) => durationOk('htcondor.unknown_hold_wait', s.htcondor.unknown_hold_wait),
  (s) => durationOk('htcondor.reconcile_after', s.htcondor.reconcile_after),
  (s) => durationOk('logging.queue_report_interval', s.logging.queue_report_interval),
  (s) => atLeastAMinute(s.htcondor.reconcile_interval),
  (s) => durationOk('resources.max_runtime', s.resources.max_runtime),
  (s) => durationOk('credentials.renew_timeout', s.credentials.renew_timeout),
  (s) => durationOk('credentials.min_lifetime', s.credentials.min_lifetime),
  (s) =>
    s.credentials.renew_command.length > 0 && !s.credentials.x509_proxy
      ? 'credentials.renew_command: needs credentials.x509_proxy, the file ' +
        'the command renews'
      : undefined,
  (s) => badServiceGroup(s.htcondor),
];

export function checkRules(settings: Settings): string[] {
  return rules.map((rule) => rule(settings)).filter((p): p is string => !!p);
}

function atMost(key: string, value: number, maxKey: string, max: number) {
  if (value <= max) return undefined;

  return `${key}: expected at most ${maxKey} (${max}), got ${value}`;
}

function sizeAtMost(s: Settings, what: 'memory' | 'disk') {
  const value = s.resources[what];
  const max = s.resources[`max_${what}`];
  if (parseSize(value) <= parseSize(max)) return undefined;

  return `resources.${what}: expected at most resources.max_${what} (${max}), got ${JSON.stringify(value)}`;
}

function durationOk(key: string, text: string) {
  try {
    parseDuration(text);
    return undefined;
  } catch {
    return `${key}: expected a duration such as 90s, 5m or 1h30m, got ${JSON.stringify(text)}`;
  }
}

const SUBMIT_KEY = /^(MY\.|\+)?[A-Za-z_][A-Za-z0-9_.]*$/;

function badExtraCommand(commands: Record<string, string>) {
  for (const [key, value] of Object.entries(commands)) {
    if (!SUBMIT_KEY.test(key) || /^queue$/i.test(key)) {
      return `htcondor.extra_submit_commands: expected a submit command name, got ${JSON.stringify(key)}`;
    }
    if (/[\r\n\0]/.test(value)) {
      return `htcondor.extra_submit_commands.${key}: expected one line, got a line break`;
    }
  }

  return undefined;
}

const GROUP_NAME = /^([A-Za-z_][A-Za-z0-9_.-]*\$?|\d+)$/;

/** The group only makes sense with a prefix that switches user. */
function badServiceGroup(h: Settings['htcondor']) {
  if (h.service_group === '') return undefined;
  if (!GROUP_NAME.test(h.service_group)) {
    return 'htcondor.service_group: expected a group name or number, got ' +
      JSON.stringify(h.service_group);
  }
  if (h.command_prefix.length === 0) {
    return 'htcondor.service_group: needs htcondor.command_prefix, the ' +
      'command that runs the tools as the service account';
  }

  return undefined;
}

/** The schedd is shared: never more than one query a minute per job. */
function atLeastAMinute(text: string) {
  const problem = durationOk('htcondor.reconcile_interval', text);
  if (problem || parseDuration(text) >= 60) return problem;

  return `htcondor.reconcile_interval: expected at least 1m, got ${JSON.stringify(text)}`;
}
