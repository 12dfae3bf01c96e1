#!/usr/bin/env node
// `npm test`: type-check everything, then every jest tier (unit, contract, integration,
// e2e, weapp). Suites that need a build or a browser prepare it themselves.
import { spawnSync } from 'node:child_process';

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('npx', ['jest', '--ci', ...process.argv.slice(2)]);
