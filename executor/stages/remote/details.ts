import type { CiLog } from '../../log/ci-log';
import type { SubmitDescription } from '../../condor/submit/description';
import type { Resources } from '../../job/resources';
import { formatDuration, toMiB } from '../../settings/units';

/** Commands whose values are not for the CI log. */
const HIDDEN = /^(x509userproxy|environment)\s*=/i;

export interface SubmitDetails {
  jobId: string;
  schedd: string;
  description: SubmitDescription;
  resources: Resources;
  image: string | undefined;
}

/** The HTCondor side of the stage, folded away under one line. */
export function showSubmitDetails(ci: CiLog, d: SubmitDetails): void {
  const r = d.resources;
  ci.line(`Submitted as HTCondor job ${d.jobId} to ${d.schedd}`);
  ci.sectionStart('htcondor_details', 'HTCondor job details');
  ci.line(`image: ${d.image ?? '(none: runs on the execute node itself)'}`);
  ci.line(
    `requested: ${r.cpus} CPU, ${toMiB(r.memoryBytes)} MiB memory, ` +
      `${toMiB(r.diskBytes)} MiB disk, ${r.gpus} GPU` +
      (r.runtimeS ? `, at most ${formatDuration(r.runtimeS)} run time` : ''),
  );
  ci.line('submit description:');
  for (const line of d.description.render().trimEnd().split('\n')) {
    ci.line(`  ${HIDDEN.test(line) ? line.replace(/=.*/, '= (hidden)') : line}`);
  }
  ci.sectionEnd('htcondor_details');
}

export interface Timeline {
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
  host?: string;
}

export function showSummary(
  ci: CiLog,
  jobId: string,
  t: Timeline,
  exitCode: number,
  applied?: { written: number; bytes: number; deleted: number },
): void {
  const wait = t.startedAt ? formatDuration((t.startedAt - t.submittedAt) / 1000) : '?';
  const run = t.startedAt && t.endedAt ? formatDuration((t.endedAt - t.startedAt) / 1000) : '?';
  const back = applied
    ? `; ${applied.written} changed and ${applied.deleted} deleted paths ` +
      `(${(applied.bytes / 1024).toFixed(1)} KiB) brought back`
    : '';
  ci.line(
    `HTCondor job ${jobId}: exit code ${exitCode}, queued ${wait}, ran ${run}` +
      ` on ${t.host ?? 'an unknown host'}${back}`,
    exitCode === 0 ? 'ok' : 'warn',
  );
}
