import type { SimFaults } from '../../htcondor-sim/src/api';

/** Drives one job after submit: remove it, release it, or just wait. */
export type SimAction =
  | { kind: 'wait' }
  | { kind: 'rm-when'; status: number }
  | { kind: 'release-when-held' }
  | { kind: 'hold-then-rm' };

/** One simulator job whose event log is read by both parsers. */
export interface SimLogScenario {
  name: string;
  script: string;
  submit?: Record<string, string>;
  faults?: SimFaults;
  action: SimAction;
}

const RUNNING = 2;
const HELD = 5;

/** Every kind of event the simulator writes, in a few short jobs. */
export const SIM_LOG_SCENARIOS: SimLogScenario[] = [
  { name: 'exit 0', script: 'echo hello', action: { kind: 'wait' } },
  { name: 'exit 3', script: 'echo failing; exit 3', action: { kind: 'wait' } },
  { name: 'signal 11', script: 'kill -SEGV $$', action: { kind: 'wait' } },
  {
    name: 'hold fault, then release',
    script: 'sleep 1',
    faults: {
      hold: { code: 21, subcode: 1001, reason: 'memory exceeded', after_ms: 100 },
    },
    action: { kind: 'release-when-held' },
  },
  {
    name: 'evicted once',
    script: 'sleep 1',
    faults: { evict_once: { after_ms: 300 } },
    action: { kind: 'wait' },
  },
  {
    name: 'condor_rm while running',
    script: 'sleep 30',
    action: { kind: 'rm-when', status: RUNNING },
  },
  {
    name: 'condor_hold, then condor_rm',
    script: 'sleep 30',
    action: { kind: 'hold-then-rm' },
  },
  {
    name: 'allowed_execute_duration hold',
    script: 'sleep 30',
    submit: { allowed_execute_duration: '1' },
    action: { kind: 'rm-when', status: HELD },
  },
  {
    name: 'periodic_remove',
    script: 'sleep 30',
    submit: {
      periodic_remove: '(JobStatus == 2) && (time() - JobCurrentStartDate >= 0)',
    },
    action: { kind: 'wait' },
  },
  {
    name: 'output transfer error',
    script: 'echo out',
    faults: { output_transfer_error: true },
    action: { kind: 'rm-when', status: HELD },
  },
  {
    name: 'lost job',
    script: 'sleep 5',
    faults: { lose_job: { after_ms: 100 } },
    action: { kind: 'wait' },
  },
];
