import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../cloudfunctions/core/db/app';
import { startEmulator } from '../local/emulator/server';
import { ensureSchema } from '../local/schema';
import { seedDemo } from '../local/seed/demo';
import { seedStreet, streetSize } from '../local/seed/street';

/**
 * `npm run seed:street -- --scale 0.1|1 [--dir DIR] [--force]`: a street's few years of data
 * (local/seed/street.ts) on top of the demo seed, in a data directory of its own (default
 * `.data-street-<scale>`), for benchmarks and for trying the screens at a real street's size:
 * `DATA_DIR=.data-street-1 npm start`.
 */
export async function buildStreet(dataDir: string, scale: number, log: (l: string) => void = console.log): Promise<void> {
  const emu = await startEmulator({ dataDir });
  try {
    ensureSchema(emu.engine);
    const db = createApp({ kind: 'local', serviceUrl: `${emu.url}/admin`, ...emu.keys }).database();
    const now = new Date();
    await seedDemo(db, now);
    const started = Date.now();
    const summary = await seedStreet(db, now, streetSize(scale), log);
    log(
      `街道数据已生成 / street built (scale ${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.users} volunteers, ${summary.activities} activities, ` +
        `${summary.attendance} attendance records, ${summary.redemptions} redemptions, ${summary.entries} journal entries`,
    );
  } finally {
    await emu.close();
  }
}

export const streetDir = (scale: number): string => path.resolve(__dirname, '..', `.data-street-${scale}`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const scale = Number(opt('--scale') ?? '0.1');
  if (!(scale > 0 && scale <= 2)) throw new Error('--scale must be a number in (0, 2], e.g. 0.1 or 1');
  const dir = path.resolve(opt('--dir') ?? streetDir(scale));
  if (fs.existsSync(path.join(dir, 'db'))) {
    if (!args.includes('--force')) {
      console.log(`${dir} 已有数据（加 --force 重新生成）/ already built; --force rebuilds it`);
      return;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await buildStreet(dir, scale);
  console.log(`  DATA_DIR=${path.relative(process.cwd(), dir)} npm start`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
