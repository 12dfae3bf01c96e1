import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether a Taro build (dist/h5 or dist/weapp) is missing or older than its sources, and
 * building it. `npm start` builds H5 this way on a fresh clone; `npm test` builds both before
 * the browser and WeChat suites run.
 */
export type TaroTarget = 'h5' | 'weapp';

export const ROOT = path.resolve(__dirname, '..');
const SOURCES = ['src', 'config', 'babel.config.js', 'package.json', 'cloudfunctions/core/contract'];
const MARKER: Record<TaroTarget, string> = { h5: 'dist/h5/index.html', weapp: 'dist/weapp/app.json' };

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function taroBuildIsStale(target: TaroTarget, root = ROOT): boolean {
  const marker = path.join(root, MARKER[target]);
  if (!fs.existsSync(marker)) return true;
  const built = fs.statSync(marker).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

export function buildTaro(target: TaroTarget, root = ROOT, timeoutMs = 300_000): void {
  console.log(`正在构建 ${target === 'h5' ? 'H5 页面' : '小程序'}（约半分钟）… / building ${target}`);
  const taro = path.join(root, 'node_modules', '.bin', 'taro');
  // Builds made here are for the tests and local use: a weapp without YQ_CLOUD_ENV is a test build.
  const env = { ...process.env, NODE_ENV: 'production', ...(target === 'weapp' && !process.env.YQ_CLOUD_ENV ? { YQ_WEAPP_TEST_BUILD: '1' } : {}) };
  const r = spawnSync(taro, ['build', '--type', target], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env, timeout: timeoutMs });
  if (r.status !== 0) throw new Error(`${target} build failed (npm run build:${target} shows why)`);
}

/** `tsx local/taro-build.ts h5 weapp`: builds each target that is stale. */
if (require.main === module) {
  for (const target of process.argv.slice(2) as TaroTarget[]) {
    if (target !== 'h5' && target !== 'weapp') throw new Error(`unknown target ${target}`);
    if (taroBuildIsStale(target)) buildTaro(target);
  }
}
