import type { Argv } from 'yargs';
import { readExitCodes } from './exit-codes';
import { reportFailure } from './report-failure';

import { packageInfo } from './package-info';

/**
 * The entry point gitlab-runner calls: `config`, `prepare`, `run <script>
 * <stage>` and `cleanup`, each with `--config FILE`. Command modules are
 * loaded only when chosen, so `config` stays cheap.
 */
export function main(argv: string[]): void {
  const yargs = require('yargs/yargs') as (args: string[]) => Argv;
  void yargs(argv)
    .scriptName('gitlab-htcondor-executor')
    .usage('$0 <command> --config FILE\n\nA GitLab Runner custom executor that runs CI jobs on HTCondor.')
    .option('config', {
      type: 'string',
      describe: 'settings file (TOML)',
      default: process.env.HTCONDOR_EXECUTOR_CONFIG ?? '/etc/gitlab-htcondor-executor/config.toml',
    })
    .command('config', 'print the JSON gitlab-runner reads from config_exec', {}, (a) =>
      run(() => require('./commands/config').configCommand(a.config)),
    )
    .command('prepare', 'check settings, tools and inputs; create the job state', {}, (a) =>
      run(() => require('./commands/prepare').prepareCommand(a.config)),
    )
    .command(
      'run <script> <stage>',
      'run one stage: remote stages as an HTCondor job, others with bash',
      (y) => y.positional('script', { type: 'string', demandOption: true }).positional('stage', { type: 'string', demandOption: true }),
      (a) => run(() => require('./commands/run').runCommand(a.config, a.script as string, a.stage as string)),
    )
    .command('cleanup', 'remove the job from HTCondor and delete its state', {}, (a) =>
      run(() => require('./commands/cleanup').cleanupCommand(a.config)),
    )
    .command(
      'reap',
      'remove HTCondor jobs of this host whose driver is gone (for a timer)',
      (y) =>
        y
          .option('grace', { type: 'string', default: '15m', describe: 'leave younger jobs alone' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'only say what would go' }),
      (a) =>
        run(() =>
          require('./commands/reap').reapCommand(a.config, { grace: a.grace, dryRun: a['dry-run'] }),
        ),
    )
    .demandCommand(1, 'name a command: config, prepare, run or cleanup')
    .strict()
    .fail((message, error, y) => {
      // A wrong call is the admin's configuration, never the pipeline's.
      process.stderr.write(`${y.help()}\n\n${message ?? error?.message}\n`);
      exit(readExitCodes(process.env).systemFailure);
    })
    .version(packageInfo().version)
    .help()
    .parseAsync();
}

function run(body: () => Promise<void>): Promise<void> {
  return body().then(
    () => exit(0),
    (error: unknown) => exit(reportFailure(error)),
  );
}

/** Waits for stdout to drain so no job output is lost at exit. */
function exit(code: number): void {
  process.exitCode = code;
  if (process.stdout.writableLength === 0) return process.exit(code);
  process.stdout.once('drain', () => process.exit(code));
}
