import { adValueFromText } from '../src/classad/ad-values';
import { unparseValue } from '../src/classad/ast';
import { evaluateText, matches } from '../src/classad/evaluate';
import { isValidExpression } from '../src/classad/parser';
import type { JobAd } from '../src/state/job-ad';

const ad: JobAd = {
  ClusterId: 12,
  ProcId: 0,
  JobStatus: 2,
  Owner: 'alice',
  GitLabStage: 'build_script',
  ImageSize: 2000,
  RequestMemory: {
    $expr:
      'ifthenelse(MemoryUsage isnt undefined,MemoryUsage,(ImageSize + 1023) / 1024)',
  },
  Tags: 'a,b,c',
};

test.each([
  ['JobStatus == 2', 'true'],
  ['jobstatus == 2 && owner == "ALICE"', 'true'],
  ['Owner =?= "ALICE"', 'false'],
  ['Owner =!= "ALICE"', 'true'],
  ['Missing == 1', 'undefined'],
  ['Missing =?= undefined', 'true'],
  ['Missing is undefined', 'true'],
  ['false && Missing', 'false'],
  ['true || Missing', 'true'],
  ['true && Missing', 'undefined'],
  ['!(JobStatus > 1)', 'false'],
  ['JobStatus >= 2 && JobStatus <= 2 && JobStatus != 3', 'true'],
  ['RequestMemory', '2'],
  ['ImageSize / 3', '666'],
  ['ImageSize / 3.0 > 666', 'true'],
  ['ClusterId * 2 + 1 - 5 % 3', '23'],
  ['JobStatus == 2 ? "run" : "other"', '"run"'],
  ['isUndefined(Missing) && !isUndefined(Owner)', 'true'],
  ['strcat(Owner, "-", ClusterId)', '"alice-12"'],
  ['toUpper(GitLabStage)', '"BUILD_SCRIPT"'],
  ['stringListMember("b", Tags)', 'true'],
  ['stringListsIntersect("x,c", Tags)', 'true'],
  ['regexp("^build", GitLabStage)', 'true'],
  ['MY.GitLabStage == "build_script"', 'true'],
  ['TARGET.Memory', 'undefined'],
  ['Owner == 3', 'false'],
  ['1 / 0', 'error'],
  ['size({1, 2, 3})', '3'],
  ['[a = 1; b = "x"].b', '"x"'],
])('%s evaluates to %s', (text, expected) => {
  expect(unparseValue(evaluateText(text, ad))).toBe(expected);
});

const BROKEN = ['(1 +', 'a ==', 'a = 1', '"unterminated', 'f(,)', 'a b'];

test.each(BROKEN)('%s is a parse error', (text) => {
  expect(isValidExpression(text)).toBe(false);
});

test('constraints match only on true', () => {
  expect(matches('Owner == "alice"', ad)).toBe(true);
  expect(matches('Missing == 1', ad)).toBe(false);
  expect(matches('JobStatus', ad)).toBe(true);
});

test.each([
  ['"workday"', 'workday'],
  ['42', 42],
  ['-7', -7],
  ['2.5', 2.5],
  ['true', true],
  ['undefined', null],
  ['"say \\"hi\\""', 'say "hi"'],
  ['"C:\\dir"', 'C:\\dir'],
  ['workday', { $expr: 'workday' }],
  ['a && b', { $expr: 'a && b' }],
])('MY value %s is stored as %j', (text, stored) => {
  expect(adValueFromText(text)).toEqual(stored);
});
