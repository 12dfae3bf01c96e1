import { spawnSync } from 'node:child_process';
import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { startApp, ROOT } from '../support/browser';
import { newVolunteer } from '../support/fixtures';
import { newRequestId, startTestGateway } from '../support/gateway';
import { bursts, printTable, type Figures } from './stats';

/**
 * The app's foundation: cold `npm start` to /healthz, wallet transfers (donate.coins)
 * through the gateway's HTTP API and the real functions, and the function bundles.
 */
export async function runGatewayBench(): Promise<void> {
  // Cold start: a new process on an empty data directory (H5 already built), until healthy.
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const app = await startApp();
    starts.push(performance.now() - t);
    await app.stop();
  }
  console.log(`\ncold npm start → /healthz (fresh DATA_DIR, seed included): ${starts.map((s) => (s / 1000).toFixed(2)).join(' / ')} s`);

  const gw = await startTestGateway();
  try {
    const USERS = 40;
    const tokens: string[] = [];
    for (let i = 0; i < USERS; i++) tokens.push((await newVolunteer(gw, { minutes: 100_000 })).token);
    const donate = (token: string): Promise<{ body: { ok: boolean } }> =>
      gw.call(token, 'donate', 'coins', { poolCommunityId: 'c-xinxian', amountMinutes: 1 }, newRequestId());
    let failures = 0;
    const check = (r: { body: { ok: boolean } }): void => void (r.body.ok || failures++);
    const rows: Array<[string, Figures]> = [];
    rows.push(['1 at a time, 40 wallets', await bursts(400, 1, async (r) => check(await donate(tokens[r % USERS])))]);
    rows.push(['20 concurrent, 40 wallets', await bursts(50, 20, async (r, j) => check(await donate(tokens[(r * 20 + j) % USERS])))]);
    rows.push(['20 concurrent, 1 wallet (contended)', await bursts(20, 20, async () => check(await donate(tokens[0])))]);
    printTable(
      'Wallet transfers (donate.coins) through the gateway: HTTP → shell → ledger transaction → emulator; ms',
      ['load', 'ops', 'ops/s', 'p50', 'p95', 'p99'],
      rows.map(([n, f]) => [n, f.ops, f.opsPerSec, f.p50, f.p95, f.p99]),
    );
    const report = await checkLedger(gw.db);
    console.log(`failed transfers: ${failures}; ledger after the run: ${report.entries} entries, ${report.problems.length} problems`);
    if (failures || report.problems.length) throw new Error('gateway bench broke an invariant');
  } finally {
    await gw.stop();
  }

  console.log('\nFunction bundles (esbuild):');
  const r = spawnSync(process.execPath, ['scripts/build-functions.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bundling failed');
}
