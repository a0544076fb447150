import type { CiLog } from '../../log/ci-log';
import type { SubmitDescription } from '../../condor/submit/description';
import type { Resources } from '../../job/resources';
import { formatDuration, toMiB } from '../../settings/units';
import type { StageRecord } from './stage-record';

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

/** One line when the stage ends: what it cost and where it ran. */
export function showSummary(ci: CiLog, jobId: string, r: StageRecord): void {
  const span = (from?: number, to?: number) =>
    from && to ? formatDuration(Math.max(0, to - from) / 1000) : '?';
  const parts = [
    `exit code ${r.exitCode ?? '?'}`,
    `queued ${span(r.submittedAt, r.startedAt)}`,
    `ran ${span(r.startedAt, r.endedAt)}`,
    r.cpuS !== undefined ? `CPU ${formatDuration(r.cpuS)}` : undefined,
    r.memoryMb !== undefined ? `peak memory ${r.memoryMb} MiB` : undefined,
    `on ${r.host ?? 'an unknown host'}`,
    `${kib(r.bytesSent)} sent, ${kib(r.bytesReturned)} back`,
  ];
  ci.line(`HTCondor job ${jobId}: ${parts.filter(Boolean).join(', ')}`, r.exitCode === 0 ? 'ok' : 'warn');
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
