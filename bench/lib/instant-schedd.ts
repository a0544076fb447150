import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * HTCondor tools that answer at once, for measuring the driver alone where
 * the simulator would be the slower party. condor_submit writes the event
 * log itself: in `idle` mode only the 000 event (the job never starts); in
 * `done` mode the whole job, with BENCH_SCHEDD_OUTPUT copied into the
 * output file and the wrapper's result files as an empty, successful stage
 * leaves them. condor_rm writes the 009 event. Returns the tool dir.
 */
export function writeInstantSchedd(dir: string, mode: 'idle' | 'done') {
  mkdirSync(join(dir, 'jobs'), { recursive: true });
  const tools: Record<string, string> = {
    condor_submit: submitText(dir, mode),
    condor_rm: removeText(dir),
    condor_q: 'exit 0\n',
    condor_history: 'exit 0\n',
  };
  for (const [tool, body] of Object.entries(tools)) {
    writeFileSync(join(dir, tool), `#!/bin/bash\n${EVENT_FUNCTION}${body}`);
    chmodSync(join(dir, tool), 0o755);
  }

  return dir;
}

/** `event CODE CLUSTER TEXT [BODY LINE...]` appends one event to $log. */
const EVENT_FUNCTION = `event() {
  local code=$1 cluster=$2 text=$3
  shift 3
  {
    printf '%s (%03d.000.000) %s %s\\n' "$code" "$cluster" \\
      "$(date '+%Y-%m-%d %H:%M:%S')" "$text"
    [ $# -eq 0 ] || printf '\\t%s\\n' "$@"
    printf '...\\n'
  } >> "$log"
}
`;

function submitText(dir: string, mode: 'idle' | 'done'): string {
  const lines = [
    'file=${@: -1}',
    "field() { sed -n \"s/^$1 = //p\" \"$file\" | head -n 1; }",
    'log=$(field log)',
    'cluster=$$',
    `printf '%s\\n' "$log" > '${join(dir, 'jobs')}/$cluster'`,
    "event 000 $cluster 'Job submitted from host: <127.0.0.1:9618>'",
  ];
  if (mode === 'done') lines.push(...DONE_LINES);
  lines.push('printf "%s.0 - %s.0\\n" "$cluster" "$cluster"', '');

  return lines.join('\n');
}

const DONE_LINES = [
  'out=$(field output)',
  'dir=$(field initialdir)',
  'cp "$BENCH_SCHEDD_OUTPUT" "$out"',
  "event 001 $cluster 'Job executing on host: <127.0.0.1:9618>'",
  'head -c 10240 /dev/zero > "$dir/workspace-out.tar"',
  ': > "$dir/workspace-deleted.bin"',
  'printf "exit_code=0\\n" > "$dir/job-result.txt"',
  "event 005 $cluster 'Job terminated.' '(1) Normal termination (return value 0)'",
];

function removeText(dir: string): string {
  return [
    'for id in "$@"; do',
    '  cluster=${id%%.*}',
    `  [ -f '${join(dir, 'jobs')}/'"$cluster" ] || continue`,
    `  log=$(cat '${join(dir, 'jobs')}/'"$cluster")`,
    "  event 009 $cluster 'Job was aborted.' 'via condor_rm (by user bench)'",
    'done',
    '',
  ].join('\n');
}
