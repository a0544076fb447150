import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  JOB_WRAPPER_NAME,
  renderJobWrapper,
  WORKSPACE_FILES,
} from '../executor/workspace';
import { atMost, type Figure } from './lib/report';
import type { TreePaths } from './lib/tree';

const MiB = 2 ** 20;

/**
 * The job side of a stage that changes 1 MiB of the tree: the driver packs
 * the workspace, the job wrapper unpacks it (under a path of its own, as
 * in a job's private /tmp), runs a script that rewrites whole files worth
 * 1 MiB, and packs what changed. What travels back is the wrapper's output.
 */
export function bytesBackAfterChange(p: TreePaths, fileBytes: number): Figure {
  const scratch = join(p.dir, 'scratch');
  mkdirSync(scratch);
  const op = join(__dirname, 'workspace-op.js');
  const input = join(scratch, WORKSPACE_FILES.input);
  run(process.execPath, [op, 'pack', p.project, input], p.dir);
  writeFileSync(join(scratch, JOB_WRAPPER_NAME), renderJobWrapper());
  const jobProject = join(p.dir, 'job-view', 'project');
  const files = Math.ceil(MiB / fileBytes);
  writeFileSync(join(scratch, 'script'), changeScript(jobProject, files));
  run('bash', [JOB_WRAPPER_NAME, 'transfer', jobProject, 'script'], scratch);
  const back = [WORKSPACE_FILES.output, WORKSPACE_FILES.deleted]
    .map((name) => statSync(join(scratch, name)).size)
    .reduce((a, b) => a + b, 0);

  return {
    name: 'workspace back after a 1 MiB change',
    value: back / 1e6,
    unit: 'MB',
    target: atMost(2, 'bytes returned <= 2 MB'),
    baseline: 'the 2 MB target',
    ratio: back / 2e6,
    raw: [
      `${files} files of ${fileBytes.toFixed(0)} bytes rewritten; ` +
        `output archive + deletion list: ${back} bytes`,
    ],
  };
}

/** Rewrites the first `files` files of the tree with new content. */
function changeScript(project: string, files: number): string {
  return [
    `cd '${project}'`,
    `for f in $(ls d0/*.bin | head -n ${files}); do`,
    '  size=$(stat -c %s "$f")',
    '  head -c "$size" /dev/urandom > "$f"',
    'done',
    '',
  ].join('\n');
}

function run(file: string, args: string[], cwd: string): void {
  const result = spawnSync(file, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  }
}
