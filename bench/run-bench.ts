import { describeLoad, describeMachine } from './lib/machine';
import { parseBenchArgs, type BenchOptions } from './lib/options';
import { formatFigure, formatSummary, type Figure } from './lib/report';
import { benchEventLogReader } from './event-log-reader';
import { benchLogStream } from './log-stream';
import { benchRemoteStage } from './remote-stage';
import { benchStartup } from './startup';
import { benchWaitingDrivers } from './waiting-drivers';
import { benchWorkspace } from './workspace-round-trip';

type Suite = (o: BenchOptions) => Promise<Figure[]>;

const SUITES: Record<string, Suite> = {
  startup: benchStartup,
  'remote-stage': benchRemoteStage,
  'log-stream': benchLogStream,
  workspace: benchWorkspace,
  waiting: benchWaitingDrivers,
  'event-log': benchEventLogReader,
};

/**
 * Settings that change how long Node itself takes to start (loading extra
 * CA certificates costs some 70 ms), taken away so that every process
 * measured here starts as it would on a plain runner host.
 */
const NODE_START_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

async function main(argv: string[]): Promise<void> {
  for (const name of NODE_START_VARIABLES) delete process.env[name];
  const { options, names: only } = parseBenchArgs(argv);
  const names = only.length > 0 ? only : Object.keys(SUITES);
  const figures: Figure[] = [];
  for (const line of describeMachine()) process.stdout.write(`${line}\n`);
  for (const name of names) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown benchmark ${name}`);
    const started = Date.now();
    process.stdout.write(`\n== ${name}\n`);
    const found = await suite(options);
    for (const f of found) process.stdout.write(`${formatFigure(f)}\n`);
    const s = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(`   (${s} s; load average ${describeLoad()})\n`);
    figures.push(...found);
  }
  process.stdout.write(`\n${formatSummary(figures)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
