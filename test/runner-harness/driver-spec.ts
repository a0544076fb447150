/** `[runners.custom]` for this project's own driver executable. */
import { resolve } from 'path';
import { DriverSpec } from './types';

/** The repository root, from the source or the compiled dist/ tree. */
export function findRepoRoot(): string {
  const here = resolve(__dirname);
  const marker = `${['', 'test', 'runner-harness'].join('/')}`;
  const root = here.slice(0, here.lastIndexOf(marker));
  return root.endsWith('/dist') ? root.slice(0, -'/dist'.length) : root;
}

export function ourDriver(configFile: string): DriverSpec {
  const exec = resolve(findRepoRoot(), 'bin', 'gitlab-htcondor-executor');
  return {
    configExec: exec,
    configArgs: ['config', '--config', configFile],
    prepareExec: exec,
    prepareArgs: ['prepare', '--config', configFile],
    runExec: exec,
    runArgs: ['run', '--config', configFile],
    cleanupExec: exec,
    cleanupArgs: ['cleanup', '--config', configFile],
  };
}
