import { type ResourceRow, formatResourceTable, formatUsage, formatUtcTime } from './format';

/** An event before it gets its header time: number, header text, body lines. */
export interface JobEvent {
  code: number;
  text: string;
  body: string[];
}

export interface ExecuteInfo {
  host: string;
  slotName: string;
  scratchDir: string;
  cpus: number;
  disk: number;
  gpus: number;
  memory: number;
}

export interface RunStats {
  sentBytes: number;
  receivedBytes: number;
  resources: ResourceRow[];
}

export type Termination = { signal: number } | { exitCode: number };

export function submitted(schedd: string): JobEvent {
  return { code: 0, text: `Job submitted from host: ${schedd}`, body: [] };
}

export function executing(e: ExecuteInfo): JobEvent {
  return {
    code: 1,
    text: `Job executing on host: ${e.host}`,
    body: [
      `\tSlotName: ${e.slotName}`,
      `\tCondorScratchDir = "${e.scratchDir}"`,
      `\tCpus = ${e.cpus}`,
      `\tDisk = ${e.disk}`,
      `\tGPUs = ${e.gpus}`,
      `\tMemory = ${e.memory}`,
    ],
  };
}

export type TransferStep = 'Started' | 'Finished';

export function fileTransfer(step: TransferStep, direction: 'input' | 'output', host?: string): JobEvent {
  const body = host ? [`\tTransferring to host: ${host}`] : [];

  return { code: 40, text: `${step} transferring ${direction} files`, body };
}

export function imageSize(imageKb: number, memoryMb: number, rssKb: number): JobEvent {
  return {
    code: 6,
    text: `Image size of job updated: ${imageKb}`,
    body: [`\t${memoryMb}  -  MemoryUsage of job (MB)`, `\t${rssKb}  -  ResidentSetSize of job (KB)`],
  };
}

function bytesLines(stats: RunStats, withTotals: boolean): string[] {
  const lines = [`\t${stats.sentBytes}  -  Run Bytes Sent By Job`, `\t${stats.receivedBytes}  -  Run Bytes Received By Job`];
  if (withTotals) {
    lines.push(`\t${stats.sentBytes}  -  Total Bytes Sent By Job`, `\t${stats.receivedBytes}  -  Total Bytes Received By Job`);
  }

  return lines;
}

export function terminated(how: Termination, stats: RunStats, at: Date): JobEvent {
  const usage = formatUsage(0, 0);
  const status = 'signal' in how
    ? [`\t(0) Abnormal termination (signal ${how.signal})`, '\t(0) No core file']
    : [`\t(1) Normal termination (return value ${how.exitCode})`];
  const toe = 'signal' in how ? `with signal ${how.signal}` : `with exit-code ${how.exitCode}`;

  return {
    code: 5,
    text: 'Job terminated.',
    body: [
      ...status,
      `\t\t${usage}  -  Run Remote Usage`,
      `\t\t${usage}  -  Run Local Usage`,
      `\t\t${usage}  -  Total Remote Usage`,
      `\t\t${usage}  -  Total Local Usage`,
      ...bytesLines(stats, true),
      ...formatResourceTable(stats.resources),
      '',
      `\tJob terminated of its own accord at ${formatUtcTime(at)} ${toe}.`,
    ],
  };
}

export function evicted(stats: RunStats): JobEvent {
  const usage = formatUsage(0, 0);

  return {
    code: 4,
    text: 'Job was evicted.',
    body: [
      '\t(0) CPU times',
      `\t\t${usage}  -  Run Remote Usage`,
      `\t\t${usage}  -  Run Local Usage`,
      ...bytesLines(stats, false),
      ...formatResourceTable(stats.resources),
    ],
  };
}

export function aborted(reason: string): JobEvent {
  return { code: 9, text: 'Job was aborted.', body: [`\t${reason}`] };
}

export function held(reason: string, code: number, subcode: number): JobEvent {
  return { code: 12, text: 'Job was held.', body: [`\t${reason}`, `\tCode ${code} Subcode ${subcode}`] };
}

export function released(reason: string): JobEvent {
  return { code: 13, text: 'Job was released.', body: [`\t${reason}`] };
}

export function shadowException(message: string, stats: RunStats): JobEvent {
  return { code: 7, text: 'Shadow exception!', body: [`\t${message}`, ...bytesLines(stats, false)] };
}
