#!/usr/bin/env node
// `npm test`: type-check, build what the browser and WeChat suites load (once, before jest
// runs suites in parallel), then every jest tier: unit, contract, integration, e2e, weapp.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

const sources = Math.max(...['src', 'config', 'babel.config.js', 'cloudfunctions/core/contract'].map((p) => newest(path.join(root, p))));
const taro = path.join(root, 'node_modules', '.bin', 'taro');

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
for (const [type, marker] of [['h5', 'dist/h5/index.html'], ['weapp', 'dist/weapp/app.json']]) {
  if (newest(path.join(root, marker)) < sources) run(taro, ['build', '--type', type], { NODE_ENV: 'production' });
}
run('npx', ['jest', '--ci', ...process.argv.slice(2)]);
