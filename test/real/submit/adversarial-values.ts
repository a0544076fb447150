/** CI-controlled strings that have broken submit descriptions elsewhere. */
export const ADVERSARIAL_VALUES: Record<string, string> = {
  'newline then queue': 'x\nqueue 5',
  'newline then executable': 'x\nexecutable = /bin/evil',
  'carriage return then queue': 'x\r\nqueue',
  'NUL byte': 'x\0y',
  'ENV macro': '$ENV(HOME)',
  'DOLLAR macro': '$(DOLLAR)',
  'job macro': '$(ClusterId)',
  'match-time macro': '$$(Memory)',
  'lone dollar': 'costs $5',
  'double dollar': 'a$$b',
  'match-time expression': '$$([1 + 1])',
  'double quotes': 'say "hi"',
  'single quotes': "it's",
  'both quotes': `'"'"`,
  'trailing backslash': 'dir\\',
  'inner backslash': 'a\\b\\"c',
  tab: 'tab\tinside',
  unicode: 'Grüße ☃ 𝄞 中文',
  '100 KB': 'x'.repeat(100 * 1024),
  'leading and trailing blanks': '  padded  ',
  'leading tab': '\tx',
  'comment sign': '#not-a-comment',
  'heredoc marker': '@=END',
  comma: 'a, b',
  equals: 'A=B',
  empty: '',
};

/** A value every encoder takes, for the baseline ad of each field. */
export const BENIGN_VALUE = 'benign-value';
