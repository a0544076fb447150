import { appendFileSync } from 'node:fs';
import type { JobId } from '../state/job-ad';
import type { JobEvent } from './events';
import { formatHeader } from './format';

/** The whole text of one event, `...` line included. */
export function renderEvent(event: JobEvent, id: JobId, at: Date): string {
  const header = formatHeader(event.code, id, at, event.text);

  return `${[header, ...event.body, '...'].join('\n')}\n`;
}

/**
 * Appends one event with a single O_APPEND write, as HTCondor's writer
 * does, so a reader never sees half of an event from two writers mixed.
 */
export function appendEvent(
  logPath: string | undefined,
  id: JobId,
  event: JobEvent,
  at = new Date(),
): void {
  if (!logPath) return;
  appendFileSync(logPath, renderEvent(event, id, at), { flag: 'a' });
}
