import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start` builds the H5 app when it is missing or older than its sources, so a fresh
 * clone needs no separate build step.
 */
const SOURCES = ['src', 'config', 'babel.config.js', 'package.json', 'cloudfunctions/core/contract'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function h5IsStale(root: string, outDir: string): boolean {
  const stamp = path.join(outDir, 'index.html');
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

export function buildH5(root: string): void {
  console.log('正在构建 H5 页面（首次约半分钟）… / building the H5 app');
  const taro = path.join(root, 'node_modules', '.bin', 'taro');
  const r = spawnSync(taro, ['build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('H5 build failed (npm run build:h5 shows why)');
}
