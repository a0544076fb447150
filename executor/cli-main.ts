import type { Argv } from 'yargs';
import { readExitCodes } from './exit-codes';
import { reportFailure } from './report-failure';

/** A well-formed call of one of the four commands gitlab-runner makes. */
export type RunnerCall =
  | { command: 'config' | 'prepare' | 'cleanup'; config: string }
  | { command: 'run'; config: string; script: string; stage: string };

const POSITIONALS = { config: 0, prepare: 0, cleanup: 0, run: 2 } as const;

/**
 * The entry point gitlab-runner calls: `config`, `prepare`, `run <script>
 * <stage>` and `cleanup`, each with `--config FILE`. Every CI job makes a
 * dozen such calls, so they skip yargs, which costs more than the rest of
 * `config` together; help, `reap` and wrong calls still go through it.
 * Command modules are loaded only when chosen.
 */
export function main(argv: string[]): void {
  stdoutOpened = watchStdoutOpening();
  const call = parseRunnerCall(argv, process.env);
  if (call) return void dispatch(call);

  parseWithYargs(argv);
}

/**
 * Reads the calls gitlab-runner makes; anything else (another flag, a
 * repeated option, a missing or extra argument) is left to yargs, which
 * knows how to explain it.
 */
export function parseRunnerCall(argv: string[], env: NodeJS.ProcessEnv): RunnerCall | undefined {
  const words: string[] = [];
  let config: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg === '--config' && config === undefined && next !== undefined && !next.startsWith('-')) {
      config = next;
      i += 1;
    } else if (arg.startsWith('--config=') && config === undefined) {
      config = arg.slice('--config='.length);
    } else if (arg.startsWith('-')) {
      return undefined;
    } else {
      words.push(arg);
    }
  }

  return toCall(words, config ?? defaultConfigFile(env));
}

function toCall([command, ...rest]: string[], config: string): RunnerCall | undefined {
  if (command === undefined || !Object.hasOwn(POSITIONALS, command)) return undefined;
  const name = command as keyof typeof POSITIONALS;
  if (rest.length !== POSITIONALS[name]) return undefined;
  if (name !== 'run') return { command: name, config };

  return { command: name, config, script: rest[0] as string, stage: rest[1] as string };
}

function defaultConfigFile(env: NodeJS.ProcessEnv): string {
  return env.HTCONDOR_EXECUTOR_CONFIG ?? '/etc/gitlab-htcondor-executor/config.toml';
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
      exit(readExitCodes(process.env).systemFailure);
    })
    .version(packageInfo().version)
    .help()
    .parseAsync();
}

function run(body: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => resolve(body())).then(
    () => exit(0),
    (error: unknown) => exit(reportFailure(error)),
  );
}

/** Waits for stdout to drain so no job output is lost at exit. */
function exit(code: number): void {
  process.exitCode = code;
  if (!stdoutOpened() || process.stdout.writableLength === 0) {
    return process.exit(code);
  }
  process.stdout.once('drain', () => process.exit(code));
}

let stdoutOpened = () => true;

/**
 * Notes whether anything opened the process.stdout stream. Opening it loads
 * Node's stream modules, which `config` (it writes fd 1 directly) and local
 * stages (bash inherits fd 1) never need; exit must drain it only if open.
 */
function watchStdoutOpening(): () => boolean {
  const original = Object.getOwnPropertyDescriptor(process, 'stdout');
  const get = original?.get;
  if (!get || !original.configurable) return () => true;
  let opened = false;
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: original.enumerable,
    get() {
      opened = true;
      return get.call(process);
    },
  });

  return () => opened;
}
