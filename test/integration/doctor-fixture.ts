import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../executor/settings/defaults';
import type { Settings } from '../../executor/settings/types';
import { simBinDir, stopDaemons } from '../htcondor-sim/src/api';
import { CLI } from './driver-process';

/** The test's own lines for `[htcondor]`, and more text after ours. */
export interface HostSettings {
  htcondor?: string;
  extra?: string;
}

/**
 * A runner host for `doctor`: settings in a temp dir whose paths all lie
 * inside it, and the HTCondor simulator as the tools. Outside /tmp, so
 * that builds_dir can be put under /tmp or not as a test needs.
 */
export interface DoctorHost {
  root: string;
  simHome: string;
  env: NodeJS.ProcessEnv;
  /** Writes the settings (the simulator as tool_dir unless given). */
  settings(own?: HostSettings): string;
  doctor(file: string): { status: number | null; lines: string[] };
  remove(): Promise<void>;
}

export function makeDoctorHost(): DoctorHost {
  const root = mkdtempSync('/var/tmp/doctor-');
  const simHome = join(root, 'sim');
  const env = {
    PATH: process.env.PATH,
    HOME: root,
    HTCONDOR_SIM_HOME: simHome,
  };
  const file = join(root, 'config.toml');

  return {
    root,
    simHome,
    env,
    settings: (own = {}) => {
      writeFileSync(file, settingsText(root, own));
      return file;
    },
    doctor(settingsFile) {
      const r = spawnSync(CLI, ['doctor', '--config', settingsFile], {
        env, encoding: 'utf8', timeout: 30_000,
      });
      return { status: r.status, lines: r.stdout.trimEnd().split('\n') };
    },
    remove: async () => {
      await stopDaemons(simHome).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function settingsText(root: string, own: HostSettings): string {
  const htcondor = own.htcondor ?? '';
  const tools = htcondor.includes('tool_dir')
    ? ''
    : `tool_dir = "${simBinDir()}"`;

  return [
    '[htcondor]', tools, htcondor,
    '[workspace]', `builds_dir = "${root}/builds"`,
    `cache_dir = "${root}/cache"`, `state_dir = "${root}/state"`,
    own.extra ?? '',
  ].join('\n');
}

const TOOLS = ['condor_submit', 'condor_rm', 'condor_history', 'condor_q'];

/** Stand-ins for the four tools; condor_q says `answer` and exits `code`. */
export function fakeTools(dir: string, answer: string, code: number): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'condor_q.answer'), `${answer}\n`);
  for (const tool of TOOLS) {
    const body = tool === 'condor_q'
      ? `echo "$@" >> "${dir}/condor_q.calls"\n` +
        `cat "${dir}/condor_q.answer" >&2\nexit ${code}\n`
      : 'exit 0\n';
    writeFileSync(join(dir, tool), `#!/bin/sh\n${body}`);
    chmodSync(join(dir, tool), 0o755);
  }

  return dir;
}

/** A self-signed certificate valid for `days`, as a proxy file would hold. */
export function writeProxy(file: string, days: number, mode = 0o600): string {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec',
    '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', `${file}.key`, '-out', file, '-days', String(days),
    '-subj', '/CN=robot proxy',
  ], { stdio: 'ignore' });
  chmodSync(file, mode);

  return file;
}

/** The line of one check, e.g. `lineOf(lines, 'schedd')`. */
export function lineOf(lines: string[], check: string): string {
  const line = lines.find((l) => l.slice(5).startsWith(`${check}:`));

  return line ?? `(no ${check} line)`;
}

/** Defaults, with every directory the checks look at inside `root`. */
export function settingsIn(
  root: string,
  change: (s: Settings) => void = () => undefined,
): Settings {
  const s = defaultSettings();
  s.workspace.builds_dir = join('/tmp', 'doctor-never-made', 'builds');
  s.workspace.cache_dir = join(root, 'cache');
  s.workspace.state_dir = join(root, 'state');
  change(s);

  return s;
}
