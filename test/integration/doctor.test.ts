import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInvocations } from '../htcondor-sim/src/api';
import {
  fakeTools,
  lineOf,
  makeDoctorHost,
  type DoctorHost,
} from './doctor-fixture';

/** The built CLI's `doctor`, against the simulator or stand-in tools. */
let host: DoctorHost;
beforeEach(() => (host = makeDoctorHost()));
afterEach(() => host.remove());

const CHECKS = [
  'settings', 'bash', 'HTCondor tools', 'schedd', 'X509 proxy',
  'builds dir', 'cache dir', 'state dir', 'driver log', 'records file',
  'metrics file', 'default image',
];

test('a sound host: one line per check, none to fix, exit 0', () => {
  const { status, lines } = host.doctor(host.settings());
  const checks = lines.slice(0, -1);

  expect(status).toBe(0);
  expect(checks.map((l) => l.slice(5).split(':')[0])).toEqual(CHECKS);
  for (const line of checks) expect(line).toMatch(/^(ok  |warn) \S/);
  expect(lines.at(-1)).toBe('doctor: nothing to fix');
});

test('the schedd costs one condor_q, with nothing else asked', () => {
  host.doctor(host.settings());
  const calls = readInvocations(host.simHome).map((c) => [c.tool, c.argv]);

  expect(calls).toEqual([['condor_q', ['-totals']]]);
});

test('settings with mistakes: a line each, no other check, exit 1', () => {
  const extra = '[resources]\ncpus = "four"\n[nosuch]\nx = 1\n';
  const { status, lines } = host.doctor(host.settings({ extra }));

  expect(status).toBe(1);
  expect(lines).toEqual([
    expect.stringMatching(/^FIX  settings: .*\.toml: nosuch: unknown setting/),
    expect.stringMatching(/^FIX  settings: .*resources\.cpus: .*"four"/),
    'doctor: 2 things to fix',
  ]);
});

test('a settings file that is not there', () => {
  const { status, lines } = host.doctor(join(host.root, 'missing.toml'));

  expect(status).toBe(1);
  expect(lines[0]).toMatch(
    /^FIX  settings: .*missing\.toml: cannot read the file \(ENOENT\)/,
  );
});

test('an unreachable schedd: its message, what to check; -name, -pool', () => {
  const answer = "ERROR: Can't find address of schedd bogus";
  const tools = fakeTools(join(host.root, 'bin'), answer, 1);
  const htcondor =
    `schedd = "bogus"\npool = "cm.example.org"\ntool_dir = "${tools}"`;
  const { status, lines } = host.doctor(host.settings({ htcondor }));
  const calls = readFileSync(join(tools, 'condor_q.calls'), 'utf8');

  expect(status).toBe(1);
  expect(lineOf(lines, 'schedd')).toMatch(new RegExp(
    '^FIX  schedd: condor_q -totals failed for schedd bogus: ' +
      `${answer}; check htcondor.schedd`,
  ));
  expect(calls).toBe('-name bogus -pool cm.example.org -totals\n');
  expect(lines.at(-1)).toBe('doctor: 1 thing to fix');
});

test('missing tools: named, and the schedd is not queried', () => {
  const htcondor = `tool_dir = "${host.root}"`;
  const { status, lines } = host.doctor(host.settings({ htcondor }));

  expect(status).toBe(1);
  expect(lineOf(lines, 'HTCondor tools')).toMatch(new RegExp(
    '^FIX  HTCondor tools: .*condor_submit, condor_rm, condor_q, ' +
      'condor_history; install the HTCondor client tools',
  ));
  expect(lineOf(lines, 'schedd')).toBe(
    'warn schedd: not queried: condor_q must be found first',
  );
});
