import { parseStatements } from '../../htcondor-sim/src/submit/lines';
import { expandMacros } from '../../htcondor-sim/src/submit/macros';
import { expandLikeCondor } from './condor-macros';

/** A value as the simulator's reader and as the HTCondor model expand it. */
export interface Expanded {
  sim: string;
  condor: string;
}

/** A submit description as condor_submit would read it from the file. */
export interface ReadDescription {
  /** Assignment keys in file order, lower case. */
  keys: string[];
  /** The argument text of every queue statement. */
  queues: string[];
  raw(key: string): string | undefined;
  expanded(key: string): Expanded | undefined;
}

/** Macros condor_submit sets for every job, so that none expands to "". */
const LIVE: Record<string, string> = { clusterid: '1', procid: '0' };

/**
 * Reads rendered text the way condor_submit gets it: written to a file as
 * UTF-8 and split into statements by the simulator's submit reader.
 */
export function readSubmit(
  text: string,
  env: NodeJS.ProcessEnv,
): ReadDescription {
  const onDisk = Buffer.from(text, 'utf8').toString('utf8');
  const statements = parseStatements(onDisk);
  const values = new Map<string, string>();
  const keys: string[] = [];
  const queues: string[] = [];
  for (const st of statements) {
    if (st.kind === 'queue') {
      queues.push(st.args);
      continue;
    }
    keys.push(st.key.toLowerCase());
    values.set(st.key.toLowerCase(), st.value);
  }
  const lookup = (name: string) =>
    LIVE[name.toLowerCase()] ?? values.get(name.toLowerCase());

  return {
    keys,
    queues,
    raw: (key) => values.get(key.toLowerCase()),
    expanded(key) {
      const raw = values.get(key.toLowerCase());
      if (raw === undefined) return undefined;
      return {
        sim: expandMacros(raw, lookup, env),
        condor: expandLikeCondor(raw, lookup, env),
      };
    },
  };
}
