/** A well-formed call of one of the four commands gitlab-runner makes. */
export type RunnerCall =
  | { command: 'config' | 'prepare' | 'cleanup'; config: string }
  | { command: 'run'; config: string; script: string; stage: string };

const POSITIONALS = { config: 0, prepare: 0, cleanup: 0, run: 2 } as const;

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

export function defaultConfigFile(env: NodeJS.ProcessEnv): string {
  return env.HTCONDOR_EXECUTOR_CONFIG ?? '/etc/gitlab-htcondor-executor/config.toml';
}
