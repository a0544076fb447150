/**
 * Block A of every stage body: exports of the runner's merged variable
 * list, file variables written under `<project>.tmp`, then GITLAB_ENV.
 */
import { BodyWriter } from './body-writer';
import { shellEscape } from './shell-escape';

export interface ScriptVariable {
  key: string;
  /** Already `$`-expanded by the runner (unless raw). */
  value: string;
  file?: boolean;
}

/** `paths` exports file variables as paths only, as cleanup does. */
export type ExportMode = 'full' | 'paths';

export function writeExports(
  w: BodyWriter,
  variables: ScriptVariable[],
  tmpDir: string,
  mode: ExportMode = 'full',
): void {
  for (const variable of variables) {
    if (!variable.file) {
      w.line(`export ${variable.key}=${shellEscape(variable.value)}`);
    } else if (mode === 'paths') {
      const path = shellEscape(filePath(tmpDir, variable));
      w.line(`export ${variable.key}=${path}`);
    } else {
      writeFileVariable(w, variable, tmpDir);
    }
  }
  writeGitlabEnv(w, tmpDir);
}

function writeFileVariable(
  w: BodyWriter,
  variable: ScriptVariable,
  tmpDir: string,
): void {
  const target = filePath(tmpDir, variable);
  w.line(`mkdir -p "${tmpDir}"`);
  w.line(`printf '%s' ${shellEscape(variable.value)} > "${target}"`);
  w.line(`export ${variable.key}="${target}"`);
}

/** Lines appended to GITLAB_ENV by earlier stages are re-exported here. */
function writeGitlabEnv(w: BodyWriter, tmpDir: string): void {
  const envFile = `${tmpDir}/gitlab_runner_env`;
  w.line(`export GITLAB_ENV=${shellEscape(envFile)}`);
  w.line(`mkdir -p "${tmpDir}"`);
  w.line(`touch "${envFile}"`);
  w.line(`while read -r line; do export "$line"; done < "${envFile}"`);
}

export function filePath(tmpDir: string, variable: ScriptVariable): string {
  return `${tmpDir}/${variable.key}`;
}
