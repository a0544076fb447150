import { applyWorkspaceChanges, packWorkspace } from '../executor/workspace';

/**
 * One workspace operation of the driver in a fresh process, timed from
 * inside (Node's own start-up is the start-up benchmark's business):
 *   workspace-op pack <projectDir> <archive>
 *   workspace-op apply <projectDir> <archive> <deletedList>
 * Prints the milliseconds it took.
 */
async function main([op, projectDir, archivePath, deletedListPath]: string[]) {
  if (!projectDir || !archivePath) throw new Error('missing arguments');
  const start = performance.now();
  if (op === 'pack') {
    await packWorkspace({ projectDir, archivePath });
  } else if (op === 'apply' && deletedListPath) {
    await applyWorkspaceChanges({ projectDir, archivePath, deletedListPath });
  } else {
    throw new Error(`unknown operation ${op}`);
  }
  process.stdout.write(`${(performance.now() - start).toFixed(1)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
