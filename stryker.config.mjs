// Mutation testing of core's pure rules (`npm run test:mutation`, docs/mutation.md). Stryker
// changes one operator, condition or literal at a time in the files below and reruns the unit
// tests that cover it: a change no test notices ("survived") is a rule no test pins down.
//
// Only pure rule files are mutated: deciders, rules, crediting, the QR token, the idempotency
// decision, and the helpers of the model files that encode a rule or a stored key. Repositories
// and actions talk to the database; their tests run against the emulator, seconds per test,
// far too slow to repeat for every mutant.

/** Module → the files (or `file:fromLine-toLine` ranges) of it that are mutated. */
export const MODULES = {
  ledger: [
    'cloudfunctions/core/ledger/ledger.deciders.ts',
    // currencyOf, unitOf/amountOf/amountIn, mayGoNegative, keepsBalance, accountIds; not
    // ENTRY_LABELS (display text) nor the types.
    'cloudfunctions/core/ledger/ledger.model.ts:21-21',
    'cloudfunctions/core/ledger/ledger.model.ts:61-64',
    'cloudfunctions/core/ledger/ledger.model.ts:90-118',
  ],
  attendance: [
    'cloudfunctions/core/attendance/attendance.deciders.ts',
    'cloudfunctions/core/attendance/crediting.ts',
    'cloudfunctions/core/attendance/qr-token.ts',
    'cloudfunctions/core/attendance/attendance.model.ts',
  ],
  redemption: [
    'cloudfunctions/core/redemption/redemption.deciders.ts',
    // The stored keys and the QR content (merchantDayId, qrContent, digitsDocId, countDocId).
    'cloudfunctions/core/redemption/redemption.model.ts:74-74',
    'cloudfunctions/core/redemption/redemption.model.ts:100-102',
  ],
  identity: [
    'cloudfunctions/core/identity/identity.rules.ts',
    // SCOPE_KIND: which kind of place each role's scope names.
    'cloudfunctions/core/identity/identity.model.ts:46-53',
  ],
  requests: ['cloudfunctions/core/requests/idempotency.ts'],
  help: ['cloudfunctions/core/help/help.deciders.ts'],
  // trimForField and wxData: what a subscribe message may carry (not the types above them).
  messages: ['cloudfunctions/core/messages/message.model.ts:43-60'],
  // The committee's review, and how many approvals a rule needs (not the queries beside it).
  fund: ['cloudfunctions/core/projects/fund.deciders.ts', 'cloudfunctions/core/projects/committee.ts:29-38'],
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  mutate: Object.values(MODULES).flat(),
  // Copy only what the unit tests load into the sandbox (the repository also holds emulator
  // data, builds and caches of several hundred MB); node_modules is linked, not copied.
  ignorePatterns: [
    '/*',
    '!/cloudfunctions',
    '/cloudfunctions/*',
    '!/cloudfunctions/core',
    '!/tests',
    '/tests/*',
    '!/tests/unit',
    '!/tests/support',
    '!/jest.config.js',
    '!/jest.mutation.config.js',
    '!/package.json',
    '!/tsconfig.json',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'json', 'html'],
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: false, reportScoreTable: true },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // scripts/mutation.ts judges each module against 85%; Stryker's own break is for the total.
  thresholds: { high: 90, low: 85, break: null },
};
