#!/usr/bin/env node
// `npm test`: type-check, lint (ESLint, Prettier, dependency-cruiser's layer rules), build what
// the browser and WeChat suites load (once, before jest runs suites in parallel), then every
// jest tier: unit, contract, integration, e2e, weapp; then Stryker over core's rules.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('npm', ['run', '--silent', 'lint']);
run('npx', ['tsx', 'local/taro-build.ts', 'h5', 'weapp']);
run('npx', ['jest', '--ci', ...process.argv.slice(2)]);
// Mutation testing of core's rules (docs/mutation.md): about two minutes, so it runs every time.
run('npm', ['run', '--silent', 'test:mutation']);
