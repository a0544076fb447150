import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncodeError } from '../../executor/condor/submit/encode';
import { blockedHeadline } from './support/repo-paths';
import {
  BINDINGS_VERSION, oracleBlocked, parseSubmitDescriptions,
  type JobAdJson, type SubmitAnswer,
} from './support/condor-oracle';
import { ADVERSARIAL_VALUES, BENIGN_VALUE } from './submit/adversarial-values';
import { diffOutside, pick, queueLines } from './submit/ad-diff';
import { knownDisagreement } from './submit/known-disagreements';
import { SUBMIT_FIELDS, renderWith, type SubmitField } from './submit/submit-fields';

type Outcome = { refused: string } | { text: string; answer: SubmitAnswer };

const rows = SUBMIT_FIELDS.flatMap((field) =>
  Object.keys(ADVERSARIAL_VALUES)
    .map((name) => ({
      field, name, label: `${field.name} <- ${name}`,
      disagreement: knownDisagreement(field.name, name),
    })),
);
const agreeing = rows.filter((row) => !row.disagreement);
const disagreeing = rows.filter((row) => row.disagreement);
const blocked = oracleBlocked();

if (blocked) {
  console.warn(`BLOCKED: HTCondor's Python bindings are unavailable:\n${blocked}`);
  const why = blockedHeadline(blocked);
  test.skip(`BLOCKED submit-description oracle: ${why}`, () => undefined);
} else {
  const title = `submit descriptions parsed by htcondor ${BINDINGS_VERSION} Submit.jobs()`;
  describe(title, () => {
    let dir: string;
    const outcomes = new Map<string, Outcome>();
    const baselines = new Map<SubmitField, JobAdJson>();

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'submit-oracle-'));
      const texts = new Map<string, string>();
      for (const field of SUBMIT_FIELDS) {
        texts.set(`base:${field.name}`, renderWith(field, BENIGN_VALUE, dir));
      }
      for (const row of rows) {
        try {
          const value = ADVERSARIAL_VALUES[row.name] ?? '';
          texts.set(row.label, renderWith(row.field, value, dir));
        } catch (err) {
          if (!(err instanceof EncodeError)) throw err;
          outcomes.set(row.label, { refused: err.message });
        }
      }
      const cases = [...texts].map(([id, text]) => ({ id, text }));
      const answers = parseSubmitDescriptions(cases);
      for (const answer of answers) {
        const text = texts.get(answer.id) ?? '';
        outcomes.set(answer.id, { text, answer });
      }
      for (const field of SUBMIT_FIELDS) {
        baselines.set(field, onlyAd(outcomes.get(`base:${field.name}`)));
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    function expectIntended(row: (typeof rows)[number]): void {
      const { field, name, label } = row;
      const outcome = outcomes.get(label);
      if (outcome && 'refused' in outcome) {
        const names = field.refusalNames.map((n) => n.replace('.', '\\.')).join('|');
        expect(outcome.refused).toMatch(new RegExp(`^(${names}): .{15,}`));
        return;
      }
      const value = ADVERSARIAL_VALUES[name] ?? '';
      expect(queueLines(outcome?.text ?? '')).toEqual(['queue 1']);
      const ad = onlyAd(outcome);
      const expected = field.expected(value, dir);
      expect(pick(ad, expected)).toEqual(expected);
      expect(diffOutside(ad, baselines.get(field) ?? {}, field.changes)).toEqual([]);
    }

    const intended = '$label: refused clearly, or exactly the intended attributes';
    test.each(agreeing)(intended, expectIntended);
    if (disagreeing.length > 0) {
      test.failing.each(disagreeing)('DISAGREEMENT $label ($disagreement)', expectIntended);
    }

    test('the comparison catches a value written without encoding', () => {
      const base = outcomes.get('base:project path');
      const text = (base && 'text' in base ? base.text : '').replace(
        'MY.GitLabProjectPath = "benign-value"',
        'MY.GitLabProjectPath = "x"\nexecutable = /bin/evil',
      );
      const [answer] = parseSubmitDescriptions([{ id: 'naive', text }]);
      const ad = onlyAd({ text, answer: answer as SubmitAnswer });
      const field = SUBMIT_FIELDS.find((f) => f.name === 'project path');
      const baseline = baselines.get(field as SubmitField) ?? {};

      expect(diffOutside(ad, baseline, ['GitLabProjectPath'])).toEqual(['Cmd']);
    });
  });
}

function onlyAd(outcome: Outcome | undefined): JobAdJson {
  if (!outcome || !('answer' in outcome)) throw new Error('no description was parsed');
  const { answer } = outcome;
  if (!answer.ok) throw new Error(`HTCondor refused the description: ${answer.error}`);
  expect(answer.qargs).toBe('1');
  expect(answer.ads).toHaveLength(1);
  return answer.ads[0] as JobAdJson;
}
