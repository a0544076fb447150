import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedHeadline, sharedDir } from './support/repo-paths';
import {
  BINDINGS_VERSION, oracleBlocked, readEventLogs, type EventsAnswer,
} from './support/condor-oracle';
import { fromOracle, readOurs, type ComparableEvent } from './event-log/comparable-event';
import {
  sampleDisagreements, type LogDisagreement,
} from './event-log/known-disagreements';
import { SIM_LOG_SCENARIOS } from './event-log/sim-log-scenarios';
import { runSimLogScenario } from './event-log/run-sim-logs';

const blocked = oracleBlocked();
const shared = sharedDir();
const samplesDir = shared && join(shared, 'samples', 'htcondor');

/** Both parsers on one file: the same events, in the same order. */
function expectAgreement(
  file: string,
  answer: EventsAnswer | undefined,
  adjust: (e: ComparableEvent) => ComparableEvent = (e) => e,
): void {
  if (!answer || 'error' in answer) {
    throw new Error(`JobEventLog failed on ${file}: ${answer?.error}`);
  }
  const ours = readOurs(readFileSync(file, 'utf8'));
  expect(answer.events.length).toBeGreaterThan(0);
  expect(ours.events.map(adjust)).toEqual(answer.events.map(fromOracle));
}

/** The file with the known differences taken out, compared again. */
function expectAgreementApartFrom(
  file: string,
  known: LogDisagreement[],
  dir: string,
): void {
  let text = readFileSync(file, 'utf8');
  for (const d of known) text = d.adjustText?.(text) ?? text;
  const copy = join(dir, `adjusted-${Date.now()}.log`);
  writeFileSync(copy, text);
  const adjust = (e: ComparableEvent) =>
    known.reduce((x, d) => d.adjustOurs?.(x) ?? x, e);
  expectAgreement(copy, readEventLogs([copy])[0], adjust);
}

function defineSampleTests(dir: string): void {
  const samples = readdirSync(dir).filter((n) => n.endsWith('.log')).sort();
  const answers = new Map<string, EventsAnswer>();
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'sample-logs-'));
    const files = samples.map((n) => join(dir, n));
    for (const a of readEventLogs(files)) answers.set(a.file, a);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('there are real samples to read', () => expect(samples.length).toBeGreaterThan(5));
  for (const name of samples) {
    const file = join(dir, name);
    const known = sampleDisagreements(name);
    if (!known) {
      test(`real sample ${name}`, () => expectAgreement(file, answers.get(file)));
      continue;
    }
    const tags = known.map((d) => d.tag).join('; ');
    test.failing(`DISAGREEMENT real sample ${name} (${tags})`, () =>
      expectAgreement(file, answers.get(file)),
    );
    test(`real sample ${name}, apart from: ${tags}`, () =>
      expectAgreementApartFrom(file, known, scratch),
    );
  }
}

function defineSimulatorTests(): void {
  let root: string;
  const logs = new Map<string, string>();
  const answers = new Map<string, EventsAnswer>();
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sim-logs-'));
    const runs = SIM_LOG_SCENARIOS.map((s, i) => runSimLogScenario(root, i, s));
    const files = await Promise.all(runs);
    SIM_LOG_SCENARIOS.forEach((s, i) => logs.set(s.name, files[i] ?? ''));
    for (const a of readEventLogs(files)) answers.set(a.file, a);
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each(SIM_LOG_SCENARIOS.map((s) => s.name))('simulator: %s', (name) => {
    const file = logs.get(name) ?? '';
    expectAgreement(file, answers.get(file));
  });
}

if (blocked) {
  console.warn(`BLOCKED: HTCondor's Python bindings are unavailable:\n${blocked}`);
  test.skip(`BLOCKED event-log oracle: ${blockedHeadline(blocked)}`, () => undefined);
} else {
  const title = `event logs read by htcondor ${BINDINGS_VERSION} JobEventLog and by our reader`;
  describe(title, () => {
    if (samplesDir) {
      describe('real samples', () => defineSampleTests(samplesDir));
    } else {
      console.warn('shared samples absent: ../shared/samples/htcondor not found');
      test.skip('real HTCondor samples (shared samples absent)', () => undefined);
    }
    describe('logs the simulator writes', defineSimulatorTests);
  });
}
