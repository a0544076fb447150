import {
  type ResourceRow,
  formatResourceTable,
  formatUsage,
  formatUtcTime,
} from './format';

/** An event before it gets its header time: number, header text, body. */
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

/** The simulator measures no CPU time; real short jobs show zeros too. */
const NO_USAGE = formatUsage(0, 0);

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

export function fileTransfer(
  step: 'Started' | 'Finished',
  direction: 'input' | 'output',
  host?: string,
): JobEvent {
  const body = host ? [`\tTransferring to host: ${host}`] : [];

  return { code: 40, text: `${step} transferring ${direction} files`, body };
}

export function imageSize(kb: number, memoryMb: number, rssKb: number) {
  return {
    code: 6,
    text: `Image size of job updated: ${kb}`,
    body: [
      `\t${memoryMb}  -  MemoryUsage of job (MB)`,
      `\t${rssKb}  -  ResidentSetSize of job (KB)`,
    ],
  };
}

function bytesLines(stats: RunStats, withTotals: boolean): string[] {
  const kinds = withTotals ? ['Run', 'Total'] : ['Run'];

  return kinds.flatMap((kind) => [
    `\t${stats.sentBytes}  -  ${kind} Bytes Sent By Job`,
    `\t${stats.receivedBytes}  -  ${kind} Bytes Received By Job`,
  ]);
}

function terminationLines(how: Termination): string[] {
  if ('signal' in how) {
    return [
      `\t(0) Abnormal termination (signal ${how.signal})`,
      '\t(0) No core file',
    ];
  }

  return [`\t(1) Normal termination (return value ${how.exitCode})`];
}

export function terminated(how: Termination, stats: RunStats, at: Date) {
  const toe =
    'signal' in how
      ? `with signal ${how.signal}`
      : `with exit-code ${how.exitCode}`;

  return {
    code: 5,
    text: 'Job terminated.',
    body: [
      ...terminationLines(how),
      `\t\t${NO_USAGE}  -  Run Remote Usage`,
      `\t\t${NO_USAGE}  -  Run Local Usage`,
      `\t\t${NO_USAGE}  -  Total Remote Usage`,
      `\t\t${NO_USAGE}  -  Total Local Usage`,
      ...bytesLines(stats, true),
      ...formatResourceTable(stats.resources),
      '',
      `\tJob terminated of its own accord at ${formatUtcTime(at)} ${toe}.`,
    ],
  };
}

export function evicted(stats: RunStats): JobEvent {
  return {
    code: 4,
    text: 'Job was evicted.',
    body: [
      '\t(0) CPU times',
      `\t\t${NO_USAGE}  -  Run Remote Usage`,
      `\t\t${NO_USAGE}  -  Run Local Usage`,
      ...bytesLines(stats, false),
      ...formatResourceTable(stats.resources),
    ],
  };
}

export function aborted(reason: string): JobEvent {
  return { code: 9, text: 'Job was aborted.', body: [`\t${reason}`] };
}

export function held(reason: string, code: number, subcode: number) {
  const body = [`\t${reason}`, `\tCode ${code} Subcode ${subcode}`];

  return { code: 12, text: 'Job was held.', body };
}

export function released(reason: string): JobEvent {
  return { code: 13, text: 'Job was released.', body: [`\t${reason}`] };
}

export function shadowException(message: string, stats: RunStats): JobEvent {
  const body = [`\t${message}`, ...bytesLines(stats, false)];

  return { code: 7, text: 'Shadow exception!', body };
}
