// ESLint (flat config): the recommended JavaScript and TypeScript rules, React hooks rules for
// the screens, and nothing Prettier decides (eslint-config-prettier). `npm test` runs it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cloudfunctions-dist/',
      'coverage/',
      'test-artifacts/',
      '.data/',
      '.data-*/',
      '.tmp/',
      '.cache/',
      '.upstream/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a callback's first argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The two classic hooks rules. The plugin's React Compiler rules (purity, use-memo, …) are
    // not used: no compiler runs here, and hooks that take a caller's dependency list need them off.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Only the ledger names its collections (dependency-cruiser keeps everyone else from
    // importing them): a write to the journal or a balance from anywhere else is an error.
    files: ['cloudfunctions/**/*.ts'],
    ignores: ['cloudfunctions/core/ledger/**', 'cloudfunctions/core/db/collections.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/^(journal|ledgerAccounts|balanceSnapshots)$/]',
          message: 'Only the ledger module reads and writes the journal, accounts and balance snapshots: call ledger.repository.',
        },
      ],
    },
  },
  {
    // Tests read JSON answers and drive untyped runtimes (miniprogram-simulate, the SDK's
    // internals): `any` there is deliberate, and a typo still fails the test that uses it.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS glue that runs node-sdk's own test suite as shipped (scripts/upstream-sdk).
    files: ['scripts/upstream-sdk/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
