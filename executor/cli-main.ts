import type { Argv } from 'yargs';
import { defaultConfigFile, parseRunnerCall, type RunnerCall } from './cli-call';
import { exitForWrongCall, runToExit as run, watchStdoutOpening } from './cli-exit';

/**
 * The entry point gitlab-runner calls: `config`, `prepare`, `run <script>
 * <stage>` and `cleanup`, each with `--config FILE`. Every CI job makes a
 * dozen such calls, so they skip yargs, which costs more than the rest of
 * `config` together; help, `reap` and wrong calls still go through it.
 * Command modules are loaded only when chosen.
 */
export function main(argv: string[]): void {
  watchStdoutOpening();
  const call = parseRunnerCall(argv, process.env);
  if (call) return void dispatch(call);

  parseWithYargs(argv);
}

function dispatch(c: RunnerCall): Promise<void> {
  switch (c.command) {
    case 'config':
      return run(() => require('./commands/config').configCommand(c.config));
    case 'prepare':
      return run(() => require('./commands/prepare').prepareCommand(c.config));
    case 'run':
      return run(() => require('./commands/run').runCommand(c.config, c.script, c.stage));
    case 'cleanup':
      return run(() => require('./commands/cleanup').cleanupCommand(c.config));
  }
}

function parseWithYargs(argv: string[]): void {
  const yargs = require('yargs/yargs') as (args: string[]) => Argv;
  const { packageInfo } = require('./package-info') as typeof import('./package-info');
  void yargs(argv)
    .scriptName('gitlab-htcondor-executor')
    .usage('$0 <command> --config FILE\n\nA GitLab Runner custom executor that runs CI jobs on HTCondor.')
    .option('config', {
      type: 'string',
      describe: 'settings file (TOML)',
      default: defaultConfigFile(process.env),
      coerce: (value: unknown) => {
        if (Array.isArray(value)) throw new Error('--config is given more than once');
        return value;
      },
    })
    .command('config', 'print the JSON gitlab-runner reads from config_exec', {}, (a) =>
      dispatch({ command: 'config', config: a.config as string }),
    )
    .command('prepare', 'check settings, tools and inputs; create the job state', {}, (a) =>
      dispatch({ command: 'prepare', config: a.config as string }),
    )
    .command(
      'run <script> <stage>',
      'run one stage: remote stages as an HTCondor job, others with bash',
      (y) =>
        y
          .positional('script', { type: 'string', demandOption: true, describe: "the runner's script for this stage" })
          .positional('stage', { type: 'string', demandOption: true, describe: 'stage name, e.g. build_script' }),
      (a) => dispatch({ command: 'run', config: a.config as string, script: a.script as string, stage: a.stage as string }),
    )
    .command('cleanup', 'remove the job from HTCondor and delete its state', {}, (a) =>
      dispatch({ command: 'cleanup', config: a.config as string }),
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
    .command(
      'doctor',
      'check settings, tools, schedd, proxy, dirs and image (exit 1: fix)',
      {},
      (a) => require('./commands/doctor').doctorCommand(a.config),
    )
    .demandCommand(1, 'name a command: config, prepare, run or cleanup')
    .strict()
    .fail((message, error, y) => {
      // A wrong call is the admin's configuration, never the pipeline's.
      process.stderr.write(`${y.help()}\n\n${message ?? error?.message}\n`);
      exitForWrongCall();
    })
    .version(packageInfo().version)
    .help()
    .parseAsync();
}

