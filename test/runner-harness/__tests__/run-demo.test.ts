import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { runDemo } from '../../../examples/run-demo';
import { fakeDriver, useWorkspace } from './harness-fixtures';

const ws = useWorkspace();

test('the demo runs the example, prints live logs and a summary, and cleans up', async () => {
  let printed = '';
  const output = join(ws.root, 'demo-output');
  const code = await runDemo({
    driver: () => fakeDriver(),
    env: { FAKE_BUILDS_DIR: ws.builds },
    outputDir: output,
    write: (text) => (printed += text),
  });

  expect(code).toBe(0);
  expect(printed).toMatch(/^\[analysis 2\/3\] shard 2\/3: 1000 events read$/m);
  expect(printed).toMatch(/^── merge ──$/m);
  expect(printed).toMatch(/^merged 3 files into merged\/histograms.json/m);
  expect(printed).not.toMatch(/section_start|\x1b\[/);
  expect(printed).toMatch(/^analysis 1\/3 +success/m);
  expect(printed).toMatch(/^merge +success/m);
  expect(printed).toContain(`Merged histograms: ${join(output, 'histograms.json')}`);

  const merged = JSON.parse(readFileSync(join(output, 'histograms.json'), 'utf8'));
  expect(merged.counters.all).toBe(3000);
  const workspace = /^Workspace: (\S+)$/m.exec(printed)?.[1] ?? '';
  expect(workspace).toMatch(/^\/tmp\/gitlab-htcondor-demo-/);
  expect(existsSync(workspace)).toBe(false);
});

test('a failing pipeline makes the demo exit non-zero', async () => {
  let printed = '';
  const code = await runDemo({
    driver: () => fakeDriver(),
    env: { FAKE_BUILDS_DIR: ws.builds, FAKE_EXIT_build_script: '2' },
    outputDir: join(ws.root, 'demo-output'),
    write: (text) => (printed += text),
  });

  expect(code).toBe(1);
  expect(printed).toMatch(/^analysis 1\/3 +failed .*runner_system_failure/m);
  expect(printed).toMatch(/^merge +skipped/m);
  expect(existsSync(join(ws.root, 'demo-output'))).toBe(false);
});
