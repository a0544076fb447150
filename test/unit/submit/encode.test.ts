import * as enc from '../../../executor/condor/submit/encode';

const lineBreaks = ['a\nqueue', 'x\rexecutable = /bin/sh', 'nul\0byte', '\n'];

test.each(lineBreaks)('every encoder refuses a line break or NUL: %j', (value) => {
  expect(() => enc.encodePlain('f', value)).toThrow(enc.EncodeError);
  expect(() => enc.encodeArguments('arguments', [value])).toThrow(/line break/);
  expect(() => enc.encodeEnvironment('environment', { X: value })).toThrow(/line break/);
  expect(() => enc.encodeClassAdString('Attr', value)).toThrow(/line break/);
});

test.each([
  ['$HOME', '$(DOLLAR)HOME'],
  ['costs $5 (net)', 'costs $(DOLLAR)5 (net)'],
  ['a$b$', 'a$(DOLLAR)b$(DOLLAR)'],
  ['plain', 'plain'],
])('macros are escaped in plain values: %s', (value, encoded) => {
  expect(enc.encodePlain('f', value)).toBe(encoded);
});

test('plain values refuse what condor_submit would trim or join', () => {
  expect(() => enc.encodePlain('f', ' lead')).toThrow(/blanks/);
  expect(() => enc.encodePlain('f', 'trail ')).toThrow(/blanks/);
  expect(() => enc.encodePlain('f', '')).toThrow(/empty/);
  expect(() => enc.encodePlain('f', 'ends\\')).toThrow(/backslash/);
});

test.each([
  [['a', 'b c'], `"'a' 'b c'"`],
  [["it's"], `"'it''s'"`],
  [['say "hi"'], `"'say ""hi""'"`],
  [['tab\there'], `"'tab\there'"`],
  [['$HOME'], `"'$(DOLLAR)HOME'"`],
  [['back\\'], `"'back\\'"`],
  [[''], `"''"`],
])('arguments in the new syntax: %j', (args, encoded) => {
  expect(enc.encodeArguments('arguments', args)).toBe(encoded);
});

test('environment in the new syntax checks names and quotes values', () => {
  expect(enc.encodeEnvironment('environment', { A: "x 'y'", B: '"z"' })).toBe(
    `"A='x ''y''' B='""z""'"`,
  );
  expect(() => enc.encodeEnvironment('environment', { 'A B': 'x' })).toThrow(/invalid variable name/);
});

test('ClassAd strings accept project paths and images, refuse quotes and backslashes', () => {
  expect(enc.encodeClassAdString('P', 'cms-analysis/smp/wpwmjj')).toBe('"cms-analysis/smp/wpwmjj"');
  expect(enc.encodeClassAdString('I', '/cvmfs/unpacked.cern.ch/x/y:latest/')).toBe(
    '"/cvmfs/unpacked.cern.ch/x/y:latest/"',
  );
  expect(enc.encodeClassAdString('P', 'a$b')).toBe('"a$(DOLLAR)b"');
  expect(() => enc.encodeClassAdString('P', 'a"b')).toThrow(/cannot be written safely/);
  expect(() => enc.encodeClassAdString('P', 'a\\')).toThrow(/cannot be written safely/);
  expect(() => enc.encodeClassAdString('P', 'é')).toThrow(/cannot be written safely/);
});

test('path lists refuse commas inside a path', () => {
  expect(enc.encodePathList('t', ['a', 'b/c'])).toBe('a, b/c');
  expect(() => enc.encodePathList('t', ['a,b'])).toThrow(/comma/);
});

test('integers must be whole and non-negative', () => {
  expect(enc.encodeInteger('n', 4)).toBe('4');
  expect(() => enc.encodeInteger('n', -1)).toThrow();
  expect(() => enc.encodeInteger('n', 1.5)).toThrow();
});
