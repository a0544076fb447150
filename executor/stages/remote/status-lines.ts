import type { CondorEvent } from '../../condor/event-log';
import { formatDuration } from '../../settings/units';
import { describeHold } from './holds';

/** Short lines for people about what HTCondor did with the job. */
export function describeEvent(e: CondorEvent, jobId: string, startedAt: number): string | undefined {
  const elapsed = formatDuration((e.time.epochMs - startedAt) / 1000);
  switch (e.code) {
    case 1:
      return `HTCondor job ${jobId} is running on ${hostOf(e)}`;
    case 4:
      return `HTCondor job ${jobId} was evicted from its slot; it goes back to the queue`;
    case 5:
      return e.terminatedNormally === false
        ? `HTCondor job ${jobId} was killed by signal ${e.signal} after ${elapsed}`
        : `HTCondor job ${jobId} finished with exit code ${e.returnValue} after ${elapsed}`;
    case 7:
      return `HTCondor job ${jobId}: shadow exception (${oneLine(e.reason)}); it goes back to the queue`;
    case 9:
      return `HTCondor job ${jobId} was removed (${oneLine(e.reason)})`;
    case 10:
      return `HTCondor job ${jobId} was suspended by the execute node`;
    case 11:
      return `HTCondor job ${jobId} resumed`;
    case 12:
      return `HTCondor job ${jobId} is held: ${describeHold(e)}`;
    case 13:
      return `HTCondor job ${jobId} was released`;
    case 22:
      return `HTCondor job ${jobId} lost contact with its execute node; reconnecting`;
    case 23:
      return `HTCondor job ${jobId} reconnected`;
    case 24:
      return `HTCondor job ${jobId} could not reconnect; it goes back to the queue`;
    default:
      return undefined;
  }
}

function hostOf(e: CondorEvent): string {
  if (e.slot) return e.slot;
  const alias = /alias=([^&>]+)/.exec(e.host ?? '');

  return alias?.[1] ?? e.host ?? 'an unknown host';
}

function oneLine(text: string | undefined): string {
  return (text ?? 'no reason given').split('\n')[0]?.trim() || 'no reason given';
}
