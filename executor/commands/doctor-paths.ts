import { dirname } from 'node:path';
import { runnerLogFile } from '../log/driver-log';
import { recordsFileOf } from '../log/records-file';
import type { Settings } from '../settings/types';
import {
  canWrite,
  existingAncestor,
  fix,
  ok,
  statOrUndefined,
  warn,
  type Finding,
} from './doctor-finding';

/** Nothing is created: doctor only says whether the driver could. */
export function checkPaths(s: Settings): Finding[] {
  const w = s.workspace;
  const metrics = s.logging.metrics_file;

  return [
    checkBuildsDir(s),
    usableDir('cache dir', w.cache_dir),
    checkStateDir(w.state_dir),
    fileInUsableDir('driver log', runnerLogFile(s)),
    fileInUsableDir('records file', recordsFileOf(s)),
    metrics ? checkMetricsFile(metrics) : ok('metrics file', 'not written'),
  ];
}

/**
 * The runner clones into builds_dir on this host. In transfer mode each
 * job recreates the project at the same absolute path on the execute
 * node, which works without asking under a private /tmp.
 */
function checkBuildsDir(s: Settings): Finding {
  const dir = s.workspace.builds_dir;
  const local = usableDir('builds dir', dir);
  const underTmp = dir.startsWith('/tmp/');
  if (local.verdict === 'fix') return local;
  if (s.workspace.mode === 'shared' && (underTmp || !statOrUndefined(dir))) {
    return fix('builds dir', `${dir} must be on a filesystem the execute ` +
      'nodes mount in shared mode, and be mounted here');
  }
  if (s.workspace.mode === 'transfer' && !underTmp) {
    return warn('builds dir', `${dir} is not under /tmp: in transfer mode ` +
      'every job must be able to create it on the execute node');
  }

  return local;
}

function usableDir(check: string, dir: string): Finding {
  const stat = statOrUndefined(dir);
  if (stat && !stat.isDirectory()) {
    return fix(check, `${dir} is not a directory`);
  }
  if (stat) {
    return canWrite(dir)
      ? ok(check, `${dir} is writable`)
      : fix(check, `${dir} is not writable by uid ${process.getuid?.()}`);
  }

  const parent = existingAncestor(dir);
  return canWrite(parent)
    ? ok(check, `${dir} will be created (${parent} is writable)`)
    : fix(check, `${dir} cannot be created: ${parent} is not writable ` +
      `by uid ${process.getuid?.()}; create it for the runner's user`);
}

/** It holds every CI variable in plain text: ours alone. */
function checkStateDir(dir: string): Finding {
  const found = usableDir('state dir', dir);
  const stat = statOrUndefined(dir);
  if (found.verdict === 'fix' || !stat) return found;
  if (stat.uid !== process.getuid?.()) {
    return fix('state dir', `${dir} belongs to uid ${stat.uid}, not to ` +
      `this user (uid ${process.getuid?.()}); chown it to the runner's user`);
  }
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8);
    return warn('state dir', `${dir} has mode ${mode}; chmod 700 it`);
  }

  return found;
}

function fileInUsableDir(check: string, file: string, use = 'appended to') {
  const stat = statOrUndefined(file);
  if (stat && !stat.isFile()) return fix(check, `${file} is not a file`);
  if (stat && !canWrite(file, true)) {
    return fix(check, `${file} is not writable by uid ${process.getuid?.()}`);
  }
  const dir = usableDir(check, dirname(file));
  if (dir.verdict === 'fix') return { ...dir, text: `${file}: ${dir.text}` };

  return ok(check, `${file} ${stat ? 'is' : 'will be'} ${use}`);
}

/** Replaced by rename at every cleanup, so its directory must be ours. */
function checkMetricsFile(file: string): Finding {
  const found = fileInUsableDir('metrics file', file, 'rewritten');
  if (found.verdict !== 'ok' || file.endsWith('.prom')) return found;

  return warn('metrics file', `${file} does not end in .prom: ` +
    "node_exporter's textfile collector reads only *.prom files");
}
