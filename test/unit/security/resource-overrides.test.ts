import fc from 'fast-check';
import { buildSubmitDescription } from '../../../executor/condor/submit/build';
import { BuildFailure } from '../../../executor/errors';
import { OVERRIDES, resolveResources } from '../../../executor/job/resources';
import { pipelineString } from './hostile-strings';
import { baseStageJob } from './submit-fields';
import { jobWith, settingsWith } from './job-fixtures';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const everyOverride = settingsWith((s) => {
  s.resources.allow_overrides = [...OVERRIDES];
  s.resources.max_gpus = 2;
  s.resources.max_runtime = '12h';
});
const resolve = (variables: Record<string, string>, timeoutS = 3600) =>
  resolveResources(everyOverride, jobWith(variables, { timeoutS }));

test.each([
  ['HTCONDOR_CPUS', '4', { cpus: 4 }],
  ['HTCONDOR_CPUS', '8', { cpus: 8 }],
  ['HTCONDOR_GPUS', '2', { gpus: 2 }],
  ['HTCONDOR_MEMORY', '4GiB', { memoryBytes: 4 * GIB }],
  ['HTCONDOR_MEMORY', '4G', { memoryBytes: 4 * GIB }],
  ['HTCONDOR_MEMORY', '512MB', { memoryBytes: 512 * MIB }],
  ['HTCONDOR_MEMORY', '1.5g', { memoryBytes: 1.5 * GIB }],
  ['HTCONDOR_DISK', '16GiB', { diskBytes: 16 * GIB }],
  ['HTCONDOR_RUNTIME', '30m', { runtimeS: 1800 }],
  ['HTCONDOR_RUNTIME', '1h15m', { runtimeS: 3900 }],
])('%s=%s is taken', (name, value, expected) => {
  expect(resolve({ [name]: value })).toMatchObject(expected);
});

test.each([
  ['HTCONDOR_CPUS', '9', /from 0 to 8/],
  ['HTCONDOR_CPUS', ' 4', /whole number/],
  ['HTCONDOR_CPUS', '4.0', /whole number/],
  ['HTCONDOR_CPUS', '0x4', /whole number/],
  ['HTCONDOR_CPUS', '1e1', /whole number/],
  ['HTCONDOR_CPUS', '-1', /whole number/],
  ['HTCONDOR_CPUS', '４', /whole number/],
  ['HTCONDOR_CPUS', '99999999999999999999', /whole number/],
  ['HTCONDOR_GPUS', '3', /from 0 to 2/],
  ['HTCONDOR_MEMORY', '2048', /with a unit/],
  ['HTCONDOR_MEMORY', '17GiB', /at most 16GiB/],
  ['HTCONDOR_MEMORY', '0G', /more than 0/],
  ['HTCONDOR_MEMORY', '4 GiB', /with a unit/],
  ['HTCONDOR_MEMORY', '4GiB; rm -rf /', /with a unit/],
  ['HTCONDOR_MEMORY', '4PiB', /with a unit/],
  ['HTCONDOR_DISK', '51GiB', /at most 50GiB/],
  ['HTCONDOR_DISK', '-1G', /with a unit/],
  ['HTCONDOR_RUNTIME', '3600', /a duration/],
  ['HTCONDOR_RUNTIME', '13h', /at most 12h/],
  ['HTCONDOR_RUNTIME', '0s', /more than 0/],
  ['HTCONDOR_RUNTIME', '1 h', /a duration/],
])('%s=%j is a build failure naming variable, value and bound', (name, value, why) => {
  const refuse = () => resolve({ [name]: value });
  expect(refuse).toThrow(BuildFailure);
  expect(refuse).toThrow(`${name}=${JSON.stringify(value)} is not allowed on this runner`);
  expect(refuse).toThrow(why);
});

test('a long refused value is shortened in the message', () => {
  const refuse = () => resolve({ HTCONDOR_MEMORY: 'x'.repeat(10_000) });
  expect(refuse).toThrow(/"x{64}…"/);
});

test('variables the admin did not enable have no effect at all', () => {
  const defaults = settingsWith();
  const wanted = { HTCONDOR_GPUS: '64', HTCONDOR_RUNTIME: '1000d', HTCONDOR_CPUS: '4' };
  const r = resolveResources(defaults, jobWith(wanted));
  expect(r).toEqual({ cpus: 4, memoryBytes: 2 * GIB, diskBytes: 4 * GIB, gpus: 0, runtimeS: 3900 });
});

test('HTCONDOR_RUNTIME shortens the run time, never beyond the CI timeout plus the margin', () => {
  expect(resolve({}, 3600).runtimeS).toBe(3600 + 300);
  expect(resolve({ HTCONDOR_RUNTIME: '10h' }, 3600).runtimeS).toBe(3600 + 300);
  expect(resolve({ HTCONDOR_RUNTIME: '10h' }, 86_400).runtimeS).toBe(36_000);
});

test('admin-only submit commands cannot be reached from CI variables', () => {
  const admin = settingsWith((s) => {
    s.htcondor.accounting_group = 'group_cms';
    s.htcondor.extra_submit_commands = { 'MY.JobFlavour': '"workday"' };
    s.credentials.x509_proxy = '/etc/proxy';
  });
  const hostile = Object.fromEntries(
    [
      'HTCONDOR_REQUIREMENTS', 'HTCONDOR_ACCOUNTING_GROUP', 'HTCONDOR_ACCOUNTING_GROUP_USER',
      'HTCONDOR_SCHEDD', 'HTCONDOR_POOL', 'HTCONDOR_EXTRA_SUBMIT_COMMANDS', 'HTCONDOR_X509_PROXY',
      'HTCONDOR_PRIORITY', 'HTCONDOR_UNIVERSE', 'X509_USER_PROXY', 'CONDOR_CONFIG',
      '_CONDOR_SCHEDD_HOST', 'HTCONDOR_TOOL_DIR', 'HTCONDOR_COMMAND_PREFIX',
    ].map((name) => [name, 'evil']),
  );
  const render = (variables: Record<string, string>) => {
    const s = baseStageJob();
    s.settings = admin;
    s.job = jobWith(variables);
    s.resources = resolveResources(admin, s.job);
    return buildSubmitDescription(s).render();
  };

  expect(render(hostile)).toBe(render({}));
  expect(render({})).toContain('accounting_group = group_cms');
  expect(render({})).not.toContain('evil');
});

/** Values of every form an override takes, in and out of bounds. */
function overrideValue(): fc.Arbitrary<string> {
  const n = fc.oneof(fc.nat({ max: 20 }), fc.nat());
  const unit = fc.constantFrom(
    ...['', 'K', 'M', 'G', 'T', 'KiB', 'MB', 'GiB', 'tb', 's', 'm', 'h', 'd'],
  );
  return fc.oneof(
    pipelineString(),
    fc.tuple(n, unit).map(([v, u]) => `${v}${u}`),
    fc.tuple(n, n, unit).map(([a, b, u]) => `${a}.${b}${u}`),
    fc.tuple(n, n).map(([h, m]) => `${h}h${m}m`),
  );
}

test('every generated value is refused or lands within the bounds', () => {
  const names = fc.constantFrom(...OVERRIDES);
  let taken = 0;
  fc.assert(
    fc.property(names, overrideValue(), (name, value) => {
      let r: ReturnType<typeof resolve>;
      try {
        r = resolve({ [name]: value }, 86_400);
      } catch (error) {
        expect(error).toBeInstanceOf(BuildFailure);
        return;
      }
      expect(r.cpus >= 0 && r.cpus <= 8 && r.gpus >= 0 && r.gpus <= 2).toBe(true);
      expect(r.memoryBytes > 0 && r.memoryBytes <= 16 * GIB).toBe(true);
      expect(r.diskBytes > 0 && r.diskBytes <= 50 * GIB).toBe(true);
      expect((r.runtimeS ?? 0) > 0 && (r.runtimeS ?? 0) <= 86_400 + 300).toBe(true);
      if (value !== '') taken++;
    }),
    { numRuns: 3000 },
  );
  expect(taken).toBeGreaterThan(100);
});
