import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { accountIds } from '../../cloudfunctions/core/ledger/ledger.model';
import { balanceOf } from '../../cloudfunctions/core/ledger/ledger.repository';
import { newVolunteer } from '../support/fixtures';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';
import { figures, printTable, type Figures } from './stats';

/**
 * 200 concurrent confirms at the counter, racing (a) against one wallet that can afford 50
 * of them and (b) against one offer with 50 in stock — latencies, and proof of no
 * overspend and no oversell.
 */
const N = Number(process.env.BENCH_CONFIRMS ?? 200);
const AFFORD = 50;


async function burst(gw: TestGateway, merchant: string, codes: string[]): Promise<{ f: Figures; ok: number; refusals: Record<string, number> }> {
  const lat: number[] = [];
  let ok = 0;
  const refusals: Record<string, number> = {};
  const start = performance.now();
  await Promise.all(
    codes.map(async (code) => {
      const s = performance.now();
      const r = await gw.call(merchant, 'redeem', 'confirm', { code }, newRequestId());
      lat.push(performance.now() - s);
      if (r.body.ok) ok++;
      else refusals[r.body.error.code] = (refusals[r.body.error.code] ?? 0) + 1;
    }),
  );
  return { f: figures(lat, performance.now() - start), ok, refusals };
}

export async function runRedeemBench(): Promise<void> {
  const gw = await startTestGateway();
  try {
    const merchant = await gw.login('u-merchant');
    const offer = async (stock: number): Promise<string> =>
      (await gw.call(merchant, 'redeem', 'createOffer', { title: `压测商品${stock}`, priceMinutes: 10, stock }, newRequestId())).body.data.offer.id;

    // (a) One wallet: N codes, each worth 10, the wallet holds 10 × AFFORD.
    const rich = await newVolunteer(gw, { minutes: 10 * AFFORD });
    const plenty = await offer(100_000);
    const walletCodes: string[] = [];
    for (let i = 0; i < N; i++) walletCodes.push((await gw.call(rich.token, 'redeem', 'issue', { offerId: plenty }, newRequestId())).body.data.code);
    const a = await burst(gw, merchant, walletCodes);

    // (b) One offer: stock AFFORD, N different volunteers who can all afford it.
    const scarce = await offer(AFFORD);
    const stockCodes: string[] = [];
    for (let i = 1; i <= N; i++) {
      const v = await newVolunteer(gw, { minutes: 100 });
      stockCodes.push((await gw.call(v.token, 'redeem', 'issue', { offerId: scarce }, newRequestId())).body.data.code);
    }
    const b = await burst(gw, merchant, stockCodes);

    printTable(`${N} concurrent confirms at the counter (gateway → shell → ledger transaction); ms`, ['race', 'ok', 'ops/s', 'p50', 'p95', 'p99', 'refusals'], [
      [`one wallet affording ${AFFORD}`, a.ok, a.f.opsPerSec, a.f.p50, a.f.p95, a.f.p99, JSON.stringify(a.refusals)],
      [`one offer with ${AFFORD} in stock`, b.ok, b.f.opsPerSec, b.f.p50, b.f.p95, b.f.p99, JSON.stringify(b.refusals)],
    ]);
    const left = await balanceOf(gw.db, accountIds.wallet(rich.id), gw.now());
    const stock = (await gw.db.collection('offers').doc(scarce).get()).data[0].stock;
    const report = await checkLedger(gw.db);
    console.log(`wallet left ${left} (never below 0: ${left >= 0}); successful spends ${a.ok} of ${AFFORD} affordable — overspend: ${a.ok > AFFORD || left < 0 ? 'YES' : 'none'}`);
    console.log(`stock left ${stock}; successful confirms ${b.ok} of ${AFFORD} in stock — oversell: ${b.ok > AFFORD || stock < 0 ? 'YES' : 'none'}; ledger problems: ${report.problems.length}`);
    if (a.ok !== AFFORD || left !== 0 || b.ok !== AFFORD || stock !== 0 || report.problems.length) throw new Error('redemption race broke an invariant');
  } finally {
    await gw.stop();
  }
}
