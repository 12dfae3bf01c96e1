import { emulatorKeys } from '../local/emulator/auth';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../cloudfunctions/core/db/app';
import { checkLedger } from '../cloudfunctions/core/ledger/check';
import { freePort } from '../local/net';

/**
 * `npm run check:ledger`: verifies the ledger invariants on DATA_DIR (default ./.data) and
 * exits non-zero naming every account that breaks them. It is a client of the database, as
 * the functions are: when `npm start` holds the data directory it asks that running gateway,
 * otherwise it starts the emulator on the directory in a process of its own (`npm run
 * emulator`). With TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY it checks a real CloudBase
 * environment. `--stats` also prints how long it took and the peak memory of both processes.
 */
async function main(): Promise<number> {
  const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY } = process.env;
  let db;
  let close = async (): Promise<void> => undefined;
  let server: ChildProcess | undefined;
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
      const port = await freePort();
      server = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../local/emulator/main.ts')], {
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; !(await reachable(url)); i++) {
        if (server.exitCode !== null || i > 300) throw new Error('本地数据库没有启动 / the emulator did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      serviceUrl = `${url}/admin`;
      const child = server;
      close = () =>
        new Promise((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
    }
    db = createApp({ kind: 'local', serviceUrl, ...emulatorKeys(dataDir) }).database();
  }
  const started = Date.now();
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  try {
    const report = await checkLedger(db);
    clearInterval(sampler);
    if (process.argv.includes('--stats')) {
      const seconds = ((Date.now() - started) / 1000).toFixed(2);
      const served = server?.pid ? ` (the emulator serving it: peak RSS ${peakRssMb(server.pid)} MB)` : '';
      console.log(
        `elapsed ${seconds} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, peak heap ${Math.round(peakHeap / 1e6)} MB${served}`,
      );
    }
    console.log(
      `检查了 ${report.entries} 笔记账、${report.accounts} 个账户（时间币和善款） / checked ${report.entries} entries, ${report.accounts} accounts (minutes and fen)`,
    );
    if (report.problems.length === 0) {
      console.log('账目一致 / ledger OK');
      return 0;
    }
    for (const p of report.problems) {
      console.error(`账目不一致 / LEDGER PROBLEM ${p.accountId ? `account ${p.accountId}` : ''}${p.entryId ? `entry ${p.entryId}` : ''}: ${p.problem}`);
    }
    return 1;
  } finally {
    clearInterval(sampler);
    await close();
  }
}

/** A process's peak resident memory, from Linux's /proc (VmHWM). */
function peakRssMb(pid: number): number | string {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return '?';
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
