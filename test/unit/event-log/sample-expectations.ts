/**
 * What each real log in ../shared/samples/htcondor contains, worked out
 * without this project's parser: `events`, `held`, `evicted` and the
 * clusters are the first lines printed by
 *
 *   awk -f fixtures/derive-expectations.awk SAMPLE.log
 *
 * (header lines `^NNN (`, each checked against `grep -cx '\.\.\.'`), and the
 * outcomes are its per-job lines: the first 005 (exit code or signal) or 009
 * (removed) of each job, "none" when it has neither.
 */
export interface SampleExpectation {
  events: number;
  held: number;
  evicted: number;
  clusters: number[];
  /** `Cluster.Proc` to `exit N` | `signal N` | `removed` | `none`. */
  outcomes: Record<string, string>;
}

/** Outcomes of procs 0..count-1 of one cluster, all alike. */
function procs(cluster: number, count: number, outcome: string) {
  const table: Record<string, string> = {};
  for (let p = 0; p < count; p += 1) table[`${cluster}.${p}`] = outcome;
  return table;
}

/** Outcomes of single-proc clusters. */
function singles(outcome: string, ...clusters: number[]) {
  return Object.assign({}, ...clusters.map((c) => procs(c, 1, outcome)));
}

function clustersOf(outcomes: Record<string, string>): number[] {
  const all = Object.keys(outcomes).map((k) => Number(k.split('.')[0]));
  return [...new Set(all)].sort((a, b) => a - b);
}

function expectation(
  events: number,
  held: number,
  evicted: number,
  outcomes: Record<string, string>,
): SampleExpectation {
  return { events, held, evicted, clusters: clustersOf(outcomes), outcomes };
}

export const SAMPLE_EXPECTATIONS: Record<string, SampleExpectation> = {
  'chtc-held-shadowexc-iso.log': expectation(267, 7, 2, {
    ...singles('removed', 253890, 253891, 253896, 253900, 253901),
    ...singles('removed', 253924, 253931, 253935, 253936),
    ...singles('exit 0', 253892, 253893, 253894, 253895, 253897, 253898),
    ...singles('exit 0', 253904, 253937, 253938, 253939, 253940, 253945),
    ...singles('none', 253909, 253941, 253947),
  }),
  'fnal-jobsub-jobadinfo028-iso.log': expectation(18, 0, 0, {
    '65568376.0': 'exit 1',
  }),
  'htcondor-testwritelog-alltypes-oldfmt.log': expectation(851, 48, 35, {
    '2758.0': 'exit 0',
    '2759.0': 'exit 0',
    '-1.-1': 'removed',
  }),
  'icecube-memhold-evict-oldfmt.log': expectation(247, 10, 10, {
    ...procs(35817387, 10, 'removed'),
    ...procs(35826158, 10, 'exit 1'),
    ...procs(35827939, 10, 'exit 1'),
    ...procs(35828440, 10, 'removed'),
    ...procs(36287811, 10, 'removed'),
    ...procs(36288027, 10, 'none'),
  }),
  'lsst-dagman-nodes-evict-post.log': expectation(20, 0, 1, {
    ...singles('removed', 9229),
    ...singles('exit 0', 9230, 9232, 9233, 9234),
    ...singles('exit 1', 9231),
  }),
  'lsst-dagman-nodes-running-incomplete.log': expectation(7, 0, 0, {
    ...singles('none', 9249, 9251),
    ...singles('exit 0', 9250),
  }),
  'osg-glidein-reconnect-syshold-oldfmt.log': expectation(115, 12, 0, {
    ...singles('exit 0', 37937125, 37937171, 37940681, 37943367, 37945599),
    ...singles('exit 0', 37945636, 37946405, 37946893, 37956359, 37969801),
    ...singles('exit 0', 37983551),
    ...singles('removed', 37952705),
    ...singles('none', 37989276),
  }),
  'snu-gpu-assigned-iso.log': expectation(9, 0, 0, { '118567.0': 'exit 0' }),
  'texplore-signal11-suspend-evict-oldfmt.log': expectation(788, 0, 3, {
    ...procs(1370276, 50, 'signal 11'),
    ...procs(1370277, 50, 'exit 0'),
    ...procs(1370279, 50, 'none'),
  }),
};
