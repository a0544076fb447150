/** A short table of a pipeline's jobs: status, exit code, time in calls. */
import { PipelineResult } from '../pipeline/pipeline-types';

export function formatPipelineSummary(result: PipelineResult): string {
  const rows = result.jobs.map((job) => {
    const calls = job.result?.calls ?? [];
    const seconds = calls.reduce((sum, c) => sum + c.ms, 0) / 1000;
    const detail = [
      job.exitCode !== undefined ? `exit code ${job.exitCode}` : '',
      job.failureReason ?? '',
      job.allowedToFail ? 'allowed to fail' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const time = seconds ? `${seconds.toFixed(1)}s` : '-';
    return [job.name, job.status, time, detail];
  });
  const header = ['job', 'status', 'time', 'details'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const format = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();

  const title = `Pipeline ${result.pipelineId}: ${result.status}`;
  return [title, format(header), ...rows.map(format)].join('\n') + '\n';
}
