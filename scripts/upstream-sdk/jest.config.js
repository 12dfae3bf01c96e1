/**
 * Jest config for running TencentCloudBase/node-sdk's own `test/database` suites, unedited,
 * against the local emulator (scripts/upstream-sdk/run.ts starts the emulator and runs this).
 *
 * Only configuration is adapted (issue 14 item 2):
 * - the upstream `src/index` and `lib/const/code` resolve to the published
 *   @cloudbase/node-sdk in our node_modules, `@cloudbase/database/src/*` to the published
 *   @cloudbase/database's compiled files;
 * - `config.local` (keys, env) resolves to ./config.local.js (fake keys, serviceUrl of the
 *   emulator);
 * - `power-assert` resolves to node's assert (./power-assert.js);
 * - `bson` resolves to the bson the SDK itself uses, with `ObjectID` (./bson.js);
 * - ./setup.js lets `describe(name, async () => {...})` register synchronously (jest 29 refuses
 *   a describe that returns a promise) and answers node-sdk's metadata probe locally;
 * - TZ is set by run.ts (Asia/Shanghai, where the upstream expectations were written).
 * Nothing of the upstream code is copied here: the upstream `test/` folder lives outside the
 * repository or in the gitignored `.upstream/` (see run.ts).
 */
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const here = __dirname;

function upstreamRoot() {
  const given = process.env.UPSTREAM_DIR || path.join(repoRoot, '.upstream');
  const dir = path.resolve(given);
  if (fs.existsSync(path.join(dir, 'test', 'database'))) return dir;
  if (fs.existsSync(path.join(dir, 'database')) && path.basename(dir) === 'test') return path.dirname(dir);
  throw new Error(`UPSTREAM_DIR=${dir} has no test/database folder. Run \`npx tsx scripts/upstream-sdk/run.ts\` for instructions.`);
}

const nm = (p) => path.join(repoRoot, 'node_modules', p);
const sdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [repoRoot] }));
const databaseDir = path.dirname(require.resolve('@cloudbase/database/package.json', { paths: [sdkDir] }));

module.exports = {
  rootDir: upstreamRoot(),
  roots: ['<rootDir>/test/database'],
  testMatch: ['**/*.test.ts'],
  testEnvironment: require.resolve('jest-environment-node', { paths: [repoRoot] }),
  transform: {
    '^.+\\.(t|j)sx?$': [
      require.resolve('@swc/jest', { paths: [repoRoot] }),
      { jsc: { target: 'es2019', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  // The upstream folder may live outside the repository: resolve packages from ours.
  modulePaths: [nm('')],
  moduleNameMapper: {
    '^(\\.\\./)+src/index$': require.resolve('@cloudbase/node-sdk', { paths: [repoRoot] }),
    '^(\\.\\./)+lib/const/code$': path.join(sdkDir, 'dist', 'const', 'code.js'),
    '^@cloudbase/database/src/(.*)$': path.join(databaseDir, 'dist', 'commonjs', '$1'),
    '^(\\.\\.?/)+config\\.local$': path.join(here, 'config.local.js'),
    '^power-assert$': path.join(here, 'power-assert.js'),
    '^bson$': path.join(here, 'bson.js'),
  },
  setupFilesAfterEnv: [path.join(here, 'setup.js'), '<rootDir>/test/setup.js'],
  testTimeout: 60000,
  cacheDirectory: path.join(repoRoot, 'node_modules', '.cache', 'jest-upstream-sdk'),
};
