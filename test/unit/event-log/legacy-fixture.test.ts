import {
  parseEventLog,
  summarizeJobs,
} from '../../../executor/condor/event-log';
import { eventPicker, readFixture } from './helpers';

/**
 * fixtures/legacy-oldfmt.userlog: MM/DD dates across a new year and on a
 * 29 February, negative ids, 4-space notes, a shadow exception then a hold,
 * an eviction that terminated and requeued the job, a death by signal, a DAG
 * POST script, an empty generic event, parallel-node events and an old-style
 * abort. The reference time puts the log in early 2028 (a leap year).
 */
const REFERENCE = new Date(2028, 2, 5, 12, 0, 0).getTime();
const log = parseEventLog(readFixture('legacy-oldfmt.userlog'), {
  referenceTime: REFERENCE,
});
const at = eventPicker(log.events);

test('reads every event with no errors and nothing left over', () => {
  expect(log.errors).toEqual([]);
  expect(log.partial).toBeNull();
  expect(log.events.map((e) => e.code)).toEqual([
    0, 1, 7, 12, 0, 1, 4, 1, 5, 16, 8, 0, 14, 2, 15, 9,
  ]);
});

test('gives legacy dates the year closest before the reference time', () => {
  const epochs = [0, 1, 4, 11].map((i) => at(i).time.epochMs);
  expect(epochs).toEqual([
    new Date(2027, 11, 31, 23, 58, 0).getTime(),
    new Date(2028, 0, 1, 0, 3, 0).getTime(),
    new Date(2028, 1, 29, 8, 0, 0).getTime(),
    new Date(2028, 2, 1, 10, 0, 0).getTime(),
  ]);
  expect(at(0).time).toMatchObject({
    text: '12/31 23:58:00',
    legacy: true,
    utc: false,
  });
});

test('reads negative and long ids, and keeps 4-space note lines', () => {
  expect(at(0).id).toEqual({ cluster: -1, proc: -1, subproc: -1 });
  expect(at(4).id).toEqual({ cluster: 1234567, proc: 12, subproc: 0 });
  expect(at(0).body).toEqual(['    DAG Node: prepare']);
});

test('reads a shadow exception and the hold after it', () => {
  const message =
    'Error from slot4@ep3.example.net: Memory limit of 2000 MB exceeded';
  expect(at(2)).toMatchObject({
    reason: message,
    usage: { bytesSent: 0, bytesReceived: 128 },
  });
  expect(at(3)).toMatchObject({
    holdReason: message,
    holdCode: 34,
    holdSubcode: 0,
  });
});

test('reads the termination inside a requeueing eviction', () => {
  expect(at(6)).toMatchObject({
    terminatedNormally: false,
    signal: 9,
    reason:
      "The OnExitRemove expression 'ExitBySignal == False' evaluated to False",
    usage: {
      remoteUserCpuS: 600,
      remoteSysCpuS: 30,
      bytesSent: 10,
      bytesReceived: 20,
    },
  });
});

test('reads a death by signal and a table without an Allocated column', () => {
  expect(at(8)).toMatchObject({ terminatedNormally: false, signal: 6 });
  expect(at(8).returnValue).toBeUndefined();
  expect(at(8).usage).toEqual({
    remoteUserCpuS: 720,
    remoteSysCpuS: 40,
    bytesSent: 30,
    bytesReceived: 40,
    memoryMb: 256,
    diskKb: 90,
  });
});

test('reads POST script, generic, node and executable-error events', () => {
  expect(at(9)).toMatchObject({
    kind: 'post_script_terminated',
    returnValue: 1,
  });
  expect(at(10)).toMatchObject({ kind: 'generic', message: '', body: [] });
  expect(at(12)).toMatchObject({
    kind: 'node_execute',
    host: '<10.2.0.9:40003>',
  });
  expect(at(13)).toMatchObject({
    kind: 'executable_error',
    message: '(8) Job file not executable.',
  });
  expect(at(14)).toMatchObject({
    kind: 'node_terminated',
    terminatedNormally: true,
    returnValue: 0,
    usage: { bytesSent: 5, bytesReceived: 6 },
  });
});

test('summarizes: POST script exit does not replace the job outcome', () => {
  const jobs = summarizeJobs(log.events);
  expect(jobs.get('-1.-1')).toMatchObject({ state: 'held', holds: 1 });
  expect(jobs.get('1234567.12')).toMatchObject({
    state: 'completed',
    outcome: { kind: 'signalled', signal: 6 },
    evictions: 1,
    lastHost: '<10.2.0.8:40002>',
  });
  expect(jobs.get('88.0')).toMatchObject({
    state: 'removed',
    outcome: {
      kind: 'removed',
      reason:
        "The job attribute PeriodicRemove expression 'NumShadowStarts > 5'" +
        ' evaluated to TRUE',
    },
    lastHost: '<10.2.0.9:40003>',
  });
});
