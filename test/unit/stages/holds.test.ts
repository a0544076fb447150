import type { CondorEvent } from '../../../executor/condor/event-log';
import { judgeHold, LIMIT_EXIT_CODES } from '../../../executor/stages/remote/holds';

function held(code: number, reason: string, subcode = 0): CondorEvent {
  return {
    code: 12,
    kind: 'held',
    id: { cluster: 1, proc: 0, subproc: 0 },
    time: { text: '', epochMs: 0, utc: false, legacy: false },
    message: 'Job was held.',
    body: [],
    holdCode: code,
    holdSubcode: subcode,
    holdReason: reason,
  };
}

test.each([
  [34, 'Job has gone over memory limit of 2048 megabytes.', 'memory', 'HTCONDOR_MEMORY'],
  [21, 'Policy violation. Memory limit exceeded', 'memory', 'HTCONDOR_MEMORY'],
  [26, 'SYSTEM_PERIODIC_HOLD due to memory usage', 'memory', 'HTCONDOR_MEMORY'],
  [21, 'Job used more disk than requested', 'disk', 'HTCONDOR_DISK'],
  [47, 'The job exceeded allowed execute duration of 1:05:00', 'runtime', 'the CI job timeout'],
  [46, 'The job exceeded allowed job duration', 'runtime', 'the CI job timeout'],
])('code %i "%s" means the job asked for too little %s', (code, reason, limit, variable) => {
  expect(judgeHold(held(code, reason))).toEqual({
    kind: 'too-little',
    limit,
    variable,
    exitCode: LIMIT_EXIT_CODES[limit as keyof typeof LIMIT_EXIT_CODES],
  });
});

test.each([
  [12, 'Transfer output files failure'],
  [13, 'Transfer input files failure'],
  [14, 'Error from starter: cannot access initial working directory'],
  [6, 'Failed to execute job'],
  [35, 'Error from docker: image not found'],
  [45, 'Singularity test failed'],
  [4, 'Job credentials are corrupted'],
])('code %i is infrastructure', (code, reason) => {
  expect(judgeHold(held(code, reason))).toEqual({ kind: 'infrastructure' });
});

test.each([
  [1, 'via condor_hold (by user admin)'],
  [3, 'The job attribute PeriodicHold expression evaluated to TRUE'],
  [21, 'Startd policy hold, no detail'],
  [99, 'something new'],
])('code %i "%s" is unknown', (code, reason) => {
  expect(judgeHold(held(code, reason))).toEqual({ kind: 'unknown' });
});
