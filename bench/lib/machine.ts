import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on, printed above them. */
export function describeMachine(): string[] {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const mem = (totalmem() / 2 ** 30).toFixed(1);

  return [
    `date: ${new Date().toISOString()}`,
    `machine: ${cpu.length} x ${model}, ${mem} GiB RAM, ` +
      `Node ${process.version}, ${tarVersion()}`,
    `load average before: ${describeLoad()}`,
  ];
}

export function describeLoad(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

function tarVersion(): string {
  try {
    const text = execFileSync('tar', ['--version'], { encoding: 'utf8' });
    return text.split('\n')[0] ?? 'tar';
  } catch {
    return 'no tar';
  }
}
