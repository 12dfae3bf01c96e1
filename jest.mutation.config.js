/**
 * The jest run Stryker repeats for every mutant (`npm run test:mutation`, stryker.config.mjs):
 * only the pure unit tests, which need no emulator, browser, build or file system. The deploy
 * preflight, the API-docs check and the toast-length check read files and test none of the rules Stryker
 * mutates, so they are left out.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config extends the main one, so both transform alike
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/tests/unit'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/unit/deploy\\.test\\.ts$', '/tests/unit/api-docs\\.test\\.ts$', '/tests/unit/toasts\\.test\\.ts$'],
  testTimeout: 10000,
};
