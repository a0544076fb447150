import {
  parseEventLog,
  summarizeJobs,
} from '../../../executor/condor/event-log';
import { eventPicker, readFixture } from './helpers';

/**
 * fixtures/lifecycle-iso.userlog: ISO dates (plain, .mmm and Z), a job that
 * runs, is suspended, disconnects, reconnects, fails to reconnect, is
 * evicted, held, released and exits 3; a removed job; an unknown event
 * number; and an unfinished last event.
 */
const log = parseEventLog(readFixture('lifecycle-iso.userlog'));
const at = eventPicker(log.events);

test('reads every complete event in order, with no errors', () => {
  expect(log.errors).toEqual([]);
  expect(log.events.map((e) => e.code)).toEqual([
    0, 40, 1, 28, 6, 10, 11, 22, 23, 22, 24, 1, 4, 12, 13, 1, 5, 0, 9, 77,
  ]);
  expect(log.events.map((e) => e.kind).slice(0, 7)).toEqual([
    'submit', 'file_transfer', 'execute', 'job_ad_information',
    'image_size', 'suspended', 'unsuspended',
  ]);
});

test('reads the header of a local-time ISO event', () => {
  expect(at(0)).toMatchObject({
    id: { cluster: 4711, proc: 0, subproc: 0 },
    time: {
      text: '2025-03-02 09:15:00',
      epochMs: new Date(2025, 2, 2, 9, 15, 0).getTime(),
      utc: false,
      legacy: false,
    },
    message: expect.stringMatching(/^Job submitted from host: <10\.1\.0\.5:/),
    body: [],
  });
});

test('reads milliseconds and the UTC mark', () => {
  const withMs = new Date(2025, 2, 2, 9, 15, 5, 118);
  expect(at(3).time.epochMs).toBe(withMs.getTime());
  expect(at(17).time).toEqual({
    text: '2025-03-02 11:00:00.004Z',
    epochMs: Date.UTC(2025, 2, 2, 11, 0, 0, 4),
    utc: true,
    legacy: false,
  });
});

test('reads host, slot and machine attributes of an execute event', () => {
  expect(at(2).host).toBe(
    '<10.1.0.9:9618?addrs=10.1.0.9-9618&alias=ep7.example.net' +
      '&sock=startd_300_ef56>',
  );
  expect(at(2).slot).toBe('slot1_3@ep7.example.net');
  expect(at(2).attributes).toEqual({
    CondorScratchDir: '"/scratch/condor/dir_4242"',
    Cpus: '2',
    Memory: '3072',
  });
  expect(at(11).slot).toBeUndefined();
  expect(at(11).attributes).toBeUndefined();
});

test('reads the unindented attribute lines of a 028 event', () => {
  const attributes = at(3).attributes ?? {};
  expect(Object.keys(attributes)).toHaveLength(8);
  expect(attributes.CiJobId).toBe('"88123"');
  expect(attributes.ToE).toBe('[ How = "nothing yet"; HowCode = -1 ]');
  expect(attributes.TriggerEventTypeNumber).toBe('1');
});

test('reads the reasons of 022, 024, 004 and 013 events', () => {
  expect(at(7).reason).toBe(
    'Socket to the starter was closed by a network outage',
  );
  expect(at(8).reason).toBeUndefined();
  expect(at(10).reason).toBe(
    'Job disconnected too long: JobLeaseDuration (1200 seconds) expired',
  );
  expect(at(12).reason).toBe(
    'The execute node went into draining for maintenance',
  );
  expect(at(14).reason).toBe('Released by the pipeline operator');
});

test('reads eviction and image-size usage', () => {
  expect(at(12).usage).toEqual({
    remoteUserCpuS: 310,
    remoteSysCpuS: 20,
    bytesSent: 1024,
    bytesReceived: 2048,
    memoryMb: 700,
    diskKb: 4100,
  });
  expect(at(12).terminatedNormally).toBeUndefined();
  expect(at(4).usage).toEqual({ memoryMb: 12 });
});

test('reads the hold reason and codes', () => {
  expect(at(13)).toMatchObject({
    holdReason: 'The job exceeded its allowed number of evictions',
    holdCode: 3,
    holdSubcode: 7,
  });
});

test('reads a termination with a blank line before its ToE line', () => {
  const e = at(16);
  expect(e).toMatchObject({ terminatedNormally: true, returnValue: 3 });
  expect(e.signal).toBeUndefined();
  expect(e.usage).toEqual({
    remoteUserCpuS: 94800,
    remoteSysCpuS: 65,
    bytesSent: 5000,
    bytesReceived: 7000,
    memoryMb: 812,
    diskKb: 5200,
  });
  expect(e.body.at(-2)).toBe('');
  expect(e.body.at(-1)).toBe(
    '\tJob terminated of its own accord at 2025-03-02T10:30:00Z' +
      ' with exit-code 3.',
  );
});

test('keeps a blank line inside an abort and reads its reason', () => {
  expect(at(18).reason).toBe('via condor_rm (by user ci-runner)');
  expect(at(18).body).toHaveLength(3);
  expect(at(18).body[1]).toBe('');
});

test('keeps an unknown event number as an unknown event', () => {
  expect(at(19)).toMatchObject({
    code: 77,
    kind: 'unknown',
    message: 'Something a newer HTCondor writes',
    body: ['\twith a body nobody here knows'],
  });
});

test('returns the unfinished last event as partial', () => {
  expect(log.partial).toMatch(/^005 \(4713\.000\.000\) 2025-03-02 11:10:00 /);
  expect(log.partial).toMatch(/Run Remote Usage\n$/);
});

test('summarizes both jobs', () => {
  const jobs = summarizeJobs(log.events);
  expect([...jobs.keys()]).toEqual(['4711.0', '4712.0']);
  expect(jobs.get('4711.0')).toEqual({
    id: { cluster: 4711, proc: 0, subproc: 0 },
    state: 'completed',
    outcome: { kind: 'exited', code: 3 },
    holds: 1,
    evictions: 1,
    lastHost: '<10.1.0.14:9618?addrs=10.1.0.14-9618&alias=ep11.example.net>',
  });
  expect(jobs.get('4712.0')).toMatchObject({
    state: 'removed',
    outcome: { kind: 'removed', reason: 'via condor_rm (by user ci-runner)' },
  });
});
