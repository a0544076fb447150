/**
 * `npm run test:real`: the driver against gitlab-runner itself and against
 * HTCondor's own parsers. Needs scripts/install-*.sh first (see .ci/run).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/real'],
  testMatch: ['**/*.real.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
  },
  testTimeout: 120000,
  maxWorkers: 2,
};
