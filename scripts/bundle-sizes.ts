import fs from 'node:fs';
import path from 'node:path';

/**
 * What people download. WeChat: the main package (every phone loads it before the first screen;
 * WeChat refuses more than 2 MB, our budget is 1 MB) and each subpackage (staff, shop, admin: only
 * those people's phones load them). `npm run build:weapp` prints them; `npm run bench` prints
 * them with the H5 first screen (tests/perf/bundle.bench.ts).
 */
export const WEAPP_MAIN_BUDGET = 1024 * 1024;
export const H5_FIRST_SCREEN_BUDGET = 250 * 1024;

const ROOT = path.resolve(__dirname, '..');

function bytesUnder(dir: string, skip: (p: string) => boolean = () => false): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p)) continue;
    if (entry.isDirectory()) total += bytesUnder(p, skip);
    // License notes and DevTools' project file are not uploaded as code.
    else if (!entry.name.endsWith('.LICENSE.txt') && entry.name !== 'project.config.json') total += fs.statSync(p).size;
  }
  return total;
}

export interface WeappSizes {
  main: number;
  subpackages: Record<string, number>;
}

export function weappSizes(dir = path.join(ROOT, 'dist', 'weapp')): WeappSizes {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(dir, s.root.replace(/\/$/, '')));
  return {
    main: bytesUnder(dir, (p) => roots.includes(p)),
    subpackages: Object.fromEntries(roots.map((r) => [path.basename(r), bytesUnder(r)])),
  };
}

export const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

export function printWeappSizes(s = weappSizes()): void {
  console.log(`weapp main package: ${kib(s.main)} (budget ${kib(WEAPP_MAIN_BUDGET)}, WeChat's limit 2048.0 KiB)`);
  for (const [root, bytes] of Object.entries(s.subpackages)) console.log(`weapp subpackage ${root}: ${kib(bytes)}`);
}

if (require.main === module) printWeappSizes();
