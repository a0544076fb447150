import fc from 'fast-check';
import { buildSubmitDescription } from '../../../executor/condor/submit/build';
import { SubmitDescription } from '../../../executor/condor/submit/description';
import { EncodeError } from '../../../executor/condor/submit/encode';
import { expandLikeCondor } from './condor-macros';
import {
  PIPELINE_FIELDS,
  baseStageJob,
  readCommand,
  type PipelineField,
} from './submit-fields';
import { justifiedRefusal, pipelineString } from './hostile-strings';
import { readSubmit, type ReadDescription } from './submit-reader';

/** Every value is expanded with these in the environment: none may leak. */
const ENV = {
  HOME: '/canary-home',
  PATH: '/canary-path',
  CUSTOM_ENV_DEPLOY_TOKEN: 'canary-deploy-token',
};
const CANARIES = Object.values(ENV);
const RUNS = 2000;

function renderWith(field: PipelineField, value: string): string {
  const s = baseStageJob();
  field.place(s, value);
  return buildSubmitDescription(s).render();
}

/** Each command as both readers understand it, plus any canary it leaks. */
function readBack(d: ReadDescription, keys: string[], value: string) {
  const sim: Record<string, unknown> = {};
  const condor: Record<string, unknown> = {};
  const leaks: string[] = [];
  for (const key of keys) {
    const e = d.expanded(key);
    sim[key] = e && readCommand(key, e.sim);
    condor[key] = e && readCommand(key, e.condor);
    const leaked = (c: string) => !!e?.condor.includes(c) && !value.includes(c);
    leaks.push(...CANARIES.filter(leaked));
  }

  return { sim, condor, leaks };
}

function unchanged(d: ReadDescription, field: PipelineField) {
  const keys = d.keys.filter((k) => !field.commands.includes(k));
  return Object.fromEntries(keys.map((k) => [k, d.raw(k)]));
}

function checkField(
  field: PipelineField,
  base: ReadDescription,
  value: string,
): boolean {
  let text: string;
  try {
    text = renderWith(field, value);
  } catch (error) {
    if (!(error instanceof EncodeError)) throw error;
    const known = field.refusedAs.includes(error.field);
    const justified = justifiedRefusal(error.reason, value);
    expect({ known, justified }).toEqual({ known: true, justified: true });
    return false;
  }
  const d = readSubmit(text, ENV);
  const want = field.expect(value);
  const got = readBack(d, Object.keys(want), value);
  const others = unchanged(d, field);
  expect({ queues: d.queues, keys: d.keys, others, ...got }).toEqual({
    queues: ['1'],
    keys: base.keys,
    others: unchanged(base, field),
    sim: want,
    condor: want,
    leaks: [],
  });
  return true;
}

describe.each(PIPELINE_FIELDS)('$name', (field) => {
  const base = readSubmit(renderWith(field, 'benign-value'), ENV);

  test(`${RUNS} generated values: the exact value, or a clear refusal`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(pipelineString(), (value) => {
        if (checkField(field, base, value)) accepted++;
      }),
      { numRuns: RUNS },
    );
    // Both outcomes must be common, or the property says little.
    expect(accepted).toBeGreaterThan(RUNS / 20);
    expect(accepted).toBeLessThan(RUNS - RUNS / 20);
  });

  test.each([
    ['a new command', 'x\nexecutable = /bin/evil'],
    ['a second queue', 'x\nqueue 5'],
    ['an $ENV macro', '$ENV(HOME)'],
    ['a $(DOLLAR) that HTCondor rescans', '$(DOLLAR)'],
    ['a match-time macro', '$$(Memory)'],
    ['a job macro', '$(ClusterId)'],
  ])('%s is refused, naming the field', (_name, value) => {
    expect(() => renderWith(field, value)).toThrow(EncodeError);
    expect(() => renderWith(field, value)).toThrow(
      new RegExp(`^(${field.refusedAs.join('|')}): .{20,}`),
    );
  });
});

test(`environment: ${RUNS} generated values, exact or refused`, () => {
  fc.assert(
    fc.property(pipelineString(), (value) => {
      let text: string;
      try {
        const d = new SubmitDescription();
        text = d.environment({ CI_VALUE: value }).render();
      } catch (error) {
        if (!(error instanceof EncodeError)) throw error;
        expect(justifiedRefusal(error.reason, value)).toBe(true);
        return;
      }
      const d = readSubmit(text, ENV);
      const want = { environment: { CI_VALUE: value } };
      expect({ keys: d.keys, ...readBack(d, ['environment'], value) }).toEqual({
        keys: ['environment'],
        sim: want,
        condor: want,
        leaks: [],
      });
    }),
    { numRuns: RUNS },
  );
});

describe('the HTCondor model would have caught the old escaping', () => {
  const naive = (v: string) => v.replace(/\$/g, '$(DOLLAR)');
  const lookup = () => undefined;

  test.each([
    ['$(DOLLAR)', '$'],
    ['a$$b', 'a$$(DOLLAR)b'],
    ['$$(x)', '$$(DOLLAR)(x)'],
  ])('%j escaped naively reads as %j', (value, read) => {
    expect(expandLikeCondor(naive(value), lookup, ENV)).toBe(read);
  });

  test('what HTCondor reads literally stays literal', () => {
    const read = (text: string) => expandLikeCondor(text, lookup, ENV);
    expect(read(naive('$ENV(HOME)'))).toBe('$ENV(HOME)');
    expect(read(naive('costs $5'))).toBe('costs $5');
    expect(read('$ENV(HOME)')).toBe('/canary-home');
  });
});
