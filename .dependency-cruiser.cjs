/**
 * Layer rules (STYLE.md "Layer rules are checked by a tool"; ARCHITECTURE.md layers), run by
 * `npm test` through `npm run lint`.
 */
const MODULES = 'account|attendance|identity|ledger|projects|redemption|requests|help|reports';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-platform-free',
      comment: 'Core is plain TypeScript: no Taro, no React, no local gateway or emulator, no screens.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/' },
      to: { path: ['^node_modules/(@tarojs|react|react-dom)/', '^local/', '^src/'] },
    },
    {
      name: 'screens-see-only-the-contract',
      comment: 'src/ may import from cloudfunctions/ only the function contract (types and zod schemas).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^cloudfunctions/', pathNot: '^cloudfunctions/core/contract/' },
    },
    {
      name: 'contract-stands-alone',
      comment: 'The contract is shared with the screens, so it imports nothing else of core.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/contract/' },
      to: { path: '^cloudfunctions/', pathNot: '^cloudfunctions/core/contract/' },
    },
    {
      name: 'only-the-ledger-writes-the-ledger',
      comment:
        'Journal, accounts and balance snapshots are defined in ledger.collections.ts; outside the ledger module only the seed and tests may touch them.',
      severity: 'error',
      from: { path: '^cloudfunctions/', pathNot: '^cloudfunctions/core/ledger/' },
      to: { path: '^cloudfunctions/core/ledger/ledger\\.collections\\.ts$' },
    },
    {
      name: 'functions-are-only-shells',
      comment: 'cloudfunctions/<name>/ holds only the shell: everything it runs lives in core.',
      severity: 'error',
      from: { path: '^cloudfunctions/(?!core/)[^/]+/' },
      to: { path: '^cloudfunctions/(?!core/)' },
    },
    // Modules depend on each other one way only, so no two import each other (a cycle between
    // modules hides in different files, where a file-level cycle check does not see it):
    //   identity ← ledger ← attendance | redemption | projects ← account
    {
      name: 'identity-is-the-base-module',
      severity: 'error',
      from: { path: '^cloudfunctions/core/identity/' },
      to: { path: `^cloudfunctions/core/(${MODULES})/`, pathNot: '^cloudfunctions/core/identity/' },
    },
    {
      name: 'ledger-knows-only-identity',
      severity: 'error',
      from: { path: '^cloudfunctions/core/ledger/' },
      to: { path: `^cloudfunctions/core/(${MODULES})/`, pathNot: '^cloudfunctions/core/(ledger|identity)/' },
    },
    {
      name: 'domain-modules-do-not-import-each-other',
      comment: 'attendance, redemption, projects (and help, reports to come) stand on identity and the ledger only.',
      severity: 'error',
      from: { path: '^cloudfunctions/core/(attendance|redemption|projects|help|reports)/' },
      to: { path: `^cloudfunctions/core/(${MODULES})/`, pathNot: ['^cloudfunctions/core/(identity|ledger)/', '^cloudfunctions/core/$1/'] },
    },
    {
      name: 'requests-is-infrastructure',
      severity: 'error',
      from: { path: '^cloudfunctions/core/requests/' },
      to: { path: `^cloudfunctions/core/(${MODULES})/`, pathNot: '^cloudfunctions/core/requests/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A file nothing imports is dead code (entry points and declarations excepted).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          '\\.d\\.ts$',
          '\\.(weapp|h5)\\.tsx?$',
          '(^|/)\\.[^/]+\\.(c|m)?js$',
          '\\.config\\.(js|ts|mjs|cjs)$',
          '^cloudfunctions/[^/]+/index\\.ts$',
          '^src/app\\.(ts|tsx|config\\.ts)$',
          '^src/pages/',
          '^tests/',
          '^scripts/',
          '^local/gateway/main\\.ts$',
          '^local/emulator/main\\.ts$',
          '^config/',
          'babel\\.config\\.js$',
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^cloudfunctions-dist/', '^\\.'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
