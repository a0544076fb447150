import { formatDuration, parseDuration, parseSize } from '../../../executor/settings/units';

test.each([
  ['2GiB', 2 * 1024 ** 3],
  ['2G', 2 * 1024 ** 3],
  ['512MB', 512 * 1024 ** 2],
  ['2048', 2048 * 1024 ** 2],
  ['1.5 GiB', 1.5 * 1024 ** 3],
  ['100K', 100 * 1024],
])('size %s', (text, bytes) => {
  expect(parseSize(text)).toBe(bytes);
});

test.each(['', 'lots', '2 GB extra', '-1G', '1e3M'])('not a size: %p', (text) => {
  expect(() => parseSize(text)).toThrow(/not a size/);
});

test.each([
  ['90s', 90],
  ['5m', 300],
  ['1h30m', 5400],
  ['3600', 3600],
  ['1d', 86400],
])('duration %s', (text, seconds) => {
  expect(parseDuration(text)).toBe(seconds);
});

test.each(['', '5 minutes', '1.5h', 'h'])('not a duration: %p', (text) => {
  expect(() => parseDuration(text)).toThrow(/not a duration/);
});

test('durations read well', () => {
  expect(formatDuration(42)).toBe('42s');
  expect(formatDuration(125)).toBe('2m05s');
  expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3h07m');
});
