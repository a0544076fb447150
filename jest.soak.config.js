/** `npm run test:soak`: the long soak test, kept out of `npm test`. */
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/test/soak'], testPathIgnorePatterns: [] };
