import {
  parseEventLog,
  summarizeJobs,
  type CondorEvent,
} from '../../../executor/condor/event-log';
import { describeWithSamples, readSample } from './helpers';

/**
 * Field values in the real logs, read off the files by eye or with grep
 * (e.g. `grep -A3 '^012 (' FILE | grep -o 'Code [0-9]* Subcode [0-9]*'`).
 */
describeWithSamples('fields of real HTCondor logs', (dir) => {
  const read = (name: string): CondorEvent[] =>
    parseEventLog(readSample(dir, name), {
      referenceTime: Date.UTC(2026, 0, 15),
    }).events;
  const holdCodes = (events: CondorEvent[]) =>
    events
      .filter((e) => e.code === 12)
      .map((e) => `${e.holdCode}/${e.holdSubcode}`)
      .sort();

  test('hold codes and subcodes', () => {
    expect(holdCodes(read('chtc-held-shadowexc-iso.log'))).toEqual([
      '12/2', '12/2', '12/2', '12/2', '12/2', '12/2', '21/103',
    ]);
    expect(holdCodes(read('icecube-memhold-evict-oldfmt.log'))).toEqual(
      Array(10).fill('21/1001'),
    );
    expect(holdCodes(read('osg-glidein-reconnect-syshold-oldfmt.log'))).toEqual(
      Array(12).fill('26/0'),
    );
  });

  test('usage of a GPU job, with an Assigned column', () => {
    const done = read('snu-gpu-assigned-iso.log').find((e) => e.code === 5);
    expect(done?.usage).toEqual({
      remoteUserCpuS: 30 * 60 + 57,
      remoteSysCpuS: 4 * 60 + 21,
      bytesSent: 11469,
      bytesReceived: 2582,
      memoryMb: 3994,
      diskKb: 57,
    });
  });

  test('028 job ad events', () => {
    const ads = read('fnal-jobsub-jobadinfo028-iso.log').filter(
      (e) => e.code === 28,
    );
    expect(ads).toHaveLength(9);
    expect(ads[0]?.attributes).toMatchObject({
      Cluster: '65568376',
      MyType: '"SubmitEvent"',
      TriggerEventTypeNumber: '0',
    });
    expect(ads.at(-1)?.attributes?.ToE).toBe(
      '[ When = 1674193996; HowCode = 0; How = "OF_ITS_OWN_ACCORD";' +
        ' Who = "itself" ]',
    );
  });

  test('reconnect failures, and the reason a job was removed', () => {
    const events = read('osg-glidein-reconnect-syshold-oldfmt.log');
    const failures = events.filter((e) => e.code === 24).map((e) => e.reason);
    expect(failures).toEqual(
      Array(10).fill(
        'Job disconnected too long: JobLeaseDuration (2400 seconds) expired',
      ),
    );
    expect(summarizeJobs(events).get('37952705.0')?.outcome).toEqual({
      kind: 'removed',
      reason:
        'Job removed by SYSTEM_PERIODIC_REMOVE due to more than 10 restarts',
    });
  });

  test('slot names and a DAG POST script', () => {
    const events = read('lsst-dagman-nodes-evict-post.log');
    const execute = events.find((e) => e.code === 1 && e.id.cluster === 9230);
    expect(execute?.slot).toBe('slot1_1@shorthost1');
    expect(events.find((e) => e.code === 16)).toMatchObject({
      id: { cluster: 9234 },
      terminatedNormally: true,
      returnValue: 2,
    });
  });

  test('deaths by signal 11', () => {
    const signals = read('texplore-signal11-suspend-evict-oldfmt.log')
      .filter((e) => e.code === 5 && e.terminatedNormally === false)
      .map((e) => e.signal);
    expect(signals).toEqual(Array(50).fill(11));
  });
});
