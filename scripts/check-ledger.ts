import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../cloudfunctions/core/db/app';
import { checkLedger } from '../cloudfunctions/core/ledger/check';
import { startEmulator } from '../local/emulator/server';

/**
 * `npm run check:ledger`: verifies the ledger invariants on DATA_DIR (default ./.data) and
 * exits non-zero naming every account that breaks them. When `npm start` holds the data
 * directory, it asks that running gateway; otherwise it opens the directory itself. With
 * TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY it checks a real CloudBase environment.
 */
async function main(): Promise<number> {
  const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY } = process.env;
  let db;
  let close = async (): Promise<void> => undefined;
  if (TCB_ENV && TCB_SECRET_ID && TCB_SECRET_KEY) {
    db = createApp({ kind: 'remote', env: TCB_ENV, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY }).database();
  } else {
    const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
    if (!fs.existsSync(path.join(dataDir, 'db'))) {
      console.error(`没有找到数据目录 ${dataDir}（先运行 npm start，或设置 DATA_DIR）`);
      return 2;
    }
    const urlFile = path.join(dataDir, 'gateway.url');
    const running = fs.existsSync(path.join(dataDir, 'emulator.lock')) && fs.existsSync(urlFile);
    let serviceUrl: string;
    if (running && (await reachable(fs.readFileSync(urlFile, 'utf8').trim()))) {
      serviceUrl = `${fs.readFileSync(urlFile, 'utf8').trim()}/admin`;
    } else {
      const emu = await startEmulator({ dataDir });
      serviceUrl = `${emu.url}/admin`;
      close = () => emu.close();
    }
    db = createApp({ kind: 'local', serviceUrl }).database();
  }
  try {
    const report = await checkLedger(db);
    console.log(`检查了 ${report.entries} 笔记账、${report.accounts} 个账户 / checked ${report.entries} entries, ${report.accounts} accounts`);
    if (report.problems.length === 0) {
      console.log('账目一致 / ledger OK');
      return 0;
    }
    for (const p of report.problems) {
      console.error(`账目不一致 / LEDGER PROBLEM ${p.accountId ? `account ${p.accountId}` : ''}${p.entryId ? `entry ${p.entryId}` : ''}: ${p.problem}`);
    }
    return 1;
  } finally {
    await close();
  }
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
