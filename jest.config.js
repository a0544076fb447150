/** Tests run the built CLI and simulator from dist/, so `npm test` builds first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The soak test has its own command (npm run test:soak).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/soak/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
  },
  // Whole CI jobs on a busy 2-core machine can take a while; a hang still fails.
  testTimeout: 180000,
  maxWorkers: 2,
};
