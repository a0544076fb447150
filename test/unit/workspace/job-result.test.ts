import { parseJobResult } from '../../../executor/workspace';

test.each([
  ['exit_code=0\n', { exitCode: 0 }],
  ['exit_code=3\n', { exitCode: 3 }],
  ['exit_code=143', { exitCode: 143 }],
  ['exit_code=255\n', { exitCode: 255 }],
  [
    'wrapper_error=/tmp/builds/P already exists\n',
    { wrapperError: '/tmp/builds/P already exists' },
  ],
])('reads %j', (text, expected) => {
  expect(parseJobResult(text)).toEqual(expected);
});

test.each([
  ['an empty file', ''],
  ['a missing value', 'exit_code=\n'],
  ['a negative code', 'exit_code=-1\n'],
  ['a code above 255', 'exit_code=256\n'],
  ['a leading zero', 'exit_code=03\n'],
  ['a second line', 'exit_code=0\nexit_code=1\n'],
  ['a CRLF ending', 'exit_code=0\r\n'],
  ['spaces', ' exit_code=0\n'],
  ['an unknown key', 'status=0\n'],
  ['an empty reason', 'wrapper_error=\n'],
  ['a blank reason', 'wrapper_error=   \n'],
  ['an escape sequence', 'wrapper_error=\u001b[31mred\n'],
  ['a reason of 10000 characters', `wrapper_error=${'x'.repeat(10000)}\n`],
])('refuses %s', (_what, text) => {
  expect(() => parseJobResult(text)).toThrow(/job result/);
});
