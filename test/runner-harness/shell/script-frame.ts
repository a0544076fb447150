/**
 * The fixed frame around every stage body, shaped like gitlab-runner
 * v19.3.0's bash shell: the body runs as one escaped eval in a subshell that
 * re-installs the TERM trap, so a cancel ends the stage with status 1.
 */
import { shellEscape } from './shell-escape';

export function wrapStageBody(body: string, debugTrace: boolean): string {
  const lines = ['#!/usr/bin/env bash', '', "trap 'exit 1' TERM", ''];
  if (debugTrace) {
    lines.push('set -o xtrace');
  }
  lines.push(
    'case "$(set -o)" in *pipefail*) set -o pipefail ;; esac; set -o errexit',
    'set +o noclobber',
    `(trap 'exit 1' TERM; eval ${shellEscape(body)}) < /dev/null`,
    'exit 0',
    '',
  );
  return lines.join('\n');
}
