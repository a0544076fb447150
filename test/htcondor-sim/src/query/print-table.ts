import { basename } from 'node:path';
import { type JobAd, nowSeconds } from '../state/job-ad';

const STATUS_LETTER: Record<number, string> = {
  1: 'I', 2: 'R', 3: 'X', 4: 'C', 5: 'H', 7: 'S',
};
const STATUS_NAME: [number, string][] = [
  [4, 'completed'],
  [3, 'removed'],
  [1, 'idle'],
  [2, 'running'],
  [5, 'held'],
  [7, 'suspended'],
];

const pad2 = (n: number) => String(n).padStart(2, '0');

function shortDate(epoch: number): string {
  const d = new Date(epoch * 1000);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

  return `${d.getMonth() + 1}/${d.getDate()} ${time}`;
}

/** `D+HH:MM:SS` of wall clock, the current run included. */
function runTime(ad: JobAd): string {
  const start = Number(ad.JobCurrentStartDate ?? 0);
  const running = ad.JobStatus === 2 && start > 0 ? nowSeconds() - start : 0;
  const total = Number(ad.RemoteWallClockTime ?? 0) + running;
  const h = pad2(Math.floor((total % 86400) / 3600));
  const m = pad2(Math.floor((total % 3600) / 60));

  return `${Math.floor(total / 86400)}+${h}:${m}:${pad2(total % 60)}`;
}

function row(ad: JobAd, last: string): string {
  const id = `${ad.ClusterId}.${ad.ProcId}`.padEnd(8);
  const owner = String(ad.Owner ?? '').padEnd(14);
  const submitted = shortDate(Number(ad.QDate ?? 0)).padStart(11);
  const run = runTime(ad).padStart(12);
  const status = STATUS_LETTER[Number(ad.JobStatus)] ?? '?';

  return ` ${id} ${owner} ${submitted} ${run} ${status}  ${last}`;
}

/** condor_q's `-nobatch` view with its totals line. */
export function formatQueueTable(ads: JobAd[], schedd: string): string {
  const header = ' ID       OWNER            SUBMITTED     RUN_TIME ST CMD';
  const rows = ads.map((ad) => row(ad, basename(String(ad.Cmd ?? ''))));
  const counts = STATUS_NAME.map(([code, name]) => {
    const n = ads.filter((a) => Number(a.JobStatus) === code).length;
    return `${n} ${name}`;
  });
  const total = `Total for query: ${ads.length} jobs; ${counts.join(', ')} `;
  const title = `-- Schedd: ${schedd} @ ${new Date().toLocaleString()}`;

  return `\n\n${title}\n${[header, ...rows].join('\n')}\n\n${total}\n\n`;
}

/** condor_history's default view. */
export function formatHistoryTable(ads: JobAd[]): string {
  const header =
    ' ID       OWNER            SUBMITTED     RUN_TIME ST  COMPLETED CMD';
  const rows = ads.map((ad) => {
    const done =
      Number(ad.CompletionDate ?? 0) || Number(ad.EnteredCurrentStatus ?? 0);
    return row(ad, `${shortDate(done).padStart(11)} ${ad.Cmd ?? ''}`);
  });

  return `${[header, ...rows].join('\n')}\n`;
}
