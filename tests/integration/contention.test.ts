import { accountIds } from '../../cloudfunctions/core/ledger/ledger.model';
import { balanceOf } from '../../cloudfunctions/core/ledger/ledger.repository';
import { LEASES } from '../../cloudfunctions/core/db/lease';
import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { newVolunteer } from '../support/fixtures';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Hot documents settled by the database, without livelock: racers for one wallet, one
 * offer or one activity's last places queue on a lease and each runs its transaction once;
 * the losers are refused for the real reason, never REQUEST.BUSY. And when a call does run
 * out of its budget, it answers REQUEST.BUSY having changed nothing, and the same request
 * can be sent again.
 */
let gw: TestGateway;
let merchant: string;
beforeAll(async () => {
  gw = await startTestGateway();
  merchant = await gw.login('u-merchant');
});
afterAll(async () => {
  await gw.stop();
});

const offer = async (stock: number, price = 10): Promise<string> =>
  (await gw.call(merchant, 'redeem', 'createOffer', { title: '竞争测试', priceMinutes: price, stock }, newRequestId())).body.data.offer.id;

it('40 confirms racing on one wallet that affords 10: exactly 10 through, 30 WALLET.INSUFFICIENT, none busy', async () => {
  const vol = await newVolunteer(gw, { minutes: 100 });
  const o = await offer(1000);
  const codes: string[] = [];
  for (let i = 0; i < 40; i++) codes.push((await gw.call(vol.token, 'redeem', 'issue', { offerId: o }, newRequestId())).body.data.code);
  const answers = await Promise.all(codes.map((code) => gw.call(merchant, 'redeem', 'confirm', { code }, newRequestId())));
  const codesOf = answers.map((a) => (a.body.ok ? 'ok' : a.body.error.code));
  expect(codesOf.filter((c) => c === 'ok')).toHaveLength(10);
  expect(codesOf.filter((c) => c === 'WALLET.INSUFFICIENT')).toHaveLength(30);
  expect(await balanceOf(gw.db, accountIds.wallet(vol.id), gw.now())).toBe(0);
  expect((await checkLedger(gw.db)).problems).toEqual([]);
});

it('30 volunteers racing for 10 places: exactly 10 signed up, 20 told it is full, the count matches', async () => {
  const staff = await gw.login('u-staff');
  const start = new Date(gw.now().getTime() + 86_400_000);
  const a = (
    await gw.call(
      staff,
      'activity',
      'create',
      { communityId: 'c-xinxian', title: '名额竞争', startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString(), capacity: 10 },
      newRequestId(),
    )
  ).body.data.activity.id;
  const vols = await Promise.all(Array.from({ length: 30 }, () => newVolunteer(gw)));
  const answers = await Promise.all(vols.map((v) => gw.call(v.token, 'activity', 'signup', { activityId: a }, newRequestId())));
  const codes = answers.map((r) => (r.body.ok ? 'ok' : r.body.error.code));
  expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
  expect(codes.filter((c) => c === 'ACTIVITY.FULL')).toHaveLength(20);
  expect((await gw.call(staff, 'activity', 'get', { activityId: a })).body.data.activity.signedUp).toBe(10);
  expect((await gw.db.collection('signups').where({ activityId: a }).count()).total).toBe(10);
});

it('a call that runs out of its budget answers REQUEST.BUSY having changed nothing; the same request then goes through once', async () => {
  const vol = await newVolunteer(gw, { minutes: 50 });
  const o = await offer(5);
  const code = (await gw.call(vol.token, 'redeem', 'issue', { offerId: o }, newRequestId())).body.data.code;
  // Someone has the wallet's turn and does not hand it on (until it lasts too long).
  await gw.db.collection(LEASES).doc(accountIds.wallet(vol.id)).set({ next: 1, serving: 0, since: gw.now().getTime(), skipped: [] });
  const requestId = newRequestId();
  const started = Date.now();
  const busy = await gw.call(merchant, 'redeem', 'confirm', { code }, requestId);
  expect(busy.body.error.code).toBe('REQUEST.BUSY');
  expect(Date.now() - started).toBeLessThan(9_000); // within the function's 10 s
  expect(await balanceOf(gw.db, accountIds.wallet(vol.id), gw.now())).toBe(50);
  expect((await gw.db.collection('offers').doc(o).get()).data[0].stock).toBe(5);
  const preview = await gw.call(merchant, 'redeem', 'preview', { code });
  expect(preview.body.data.redemption.status).toBe('open');
  await gw.db.collection(LEASES).doc(accountIds.wallet(vol.id)).update({ serving: 1 }); // the holder finally hands it on
  const done = await gw.call(merchant, 'redeem', 'confirm', { code }, requestId);
  expect(done.body.data.redemption.status).toBe('used');
  const again = await gw.call(merchant, 'redeem', 'confirm', { code }, requestId);
  expect(again.body).toEqual(done.body); // the retry replays the first answer
  expect(await balanceOf(gw.db, accountIds.wallet(vol.id), gw.now())).toBe(40);
}, 30_000);

it("confirms racing with the shop's suspension: each either went through (and took its item) or was refused as suspended; after it, none goes through", async () => {
  const admin = await gw.login('u-admin');
  const o = await offer(100);
  const vols = await Promise.all(Array.from({ length: 20 }, () => newVolunteer(gw, { minutes: 50 })));
  const codes = await Promise.all(vols.map(async (v) => (await gw.call(v.token, 'redeem', 'issue', { offerId: o }, newRequestId())).body.data.code as string));
  const [suspended, ...answers] = await Promise.all([
    gw.call(admin, 'redeem', 'suspendMerchant', { merchantId: 'm-market', suspended: true }, newRequestId()),
    ...codes.map((code) => gw.call(merchant, 'redeem', 'confirm', { code }, newRequestId())),
  ]);
  try {
    expect(suspended.body.ok).toBe(true);
    const through = answers.filter((a) => a.body.ok).length;
    for (const a of answers.filter((x) => !x.body.ok)) expect(a.body.error.code).toBe('MERCHANT.SUSPENDED');
    // Every item that left the shelf was paid for, and nothing else left it.
    expect((await gw.db.collection('offers').doc(o).get()).data[0].stock).toBe(100 - through);
    const spent = (await Promise.all(vols.map((v) => balanceOf(gw.db, accountIds.wallet(v.id), gw.now())))).filter((b) => b === 40).length;
    expect(spent).toBe(through);
    // Once suspended, a confirm is refused, whichever code.
    const late = await gw.call(merchant, 'redeem', 'confirm', { code: codes.find((_c, i) => !answers[i].body.ok) ?? codes[0] }, newRequestId());
    expect(late.body.ok).toBe(false);
    expect((await checkLedger(gw.db)).problems).toEqual([]);
  } finally {
    await gw.call(admin, 'redeem', 'suspendMerchant', { merchantId: 'm-market', suspended: false }, newRequestId());
  }
});

it("the moment a suspension has marked the shop's offers, no confirm takes stock, even one whose transaction still sees the shop active", async () => {
  const o = await offer(10);
  const vol = await newVolunteer(gw, { minutes: 50 });
  const code = (await gw.call(vol.token, 'redeem', 'issue', { offerId: o }, newRequestId())).body.data.code;
  // Half way through a suspension: the offers are marked, the shop's own document not yet.
  await gw.db.collection('offers').doc(o).update({ merchantActive: false });
  const r = await gw.call(merchant, 'redeem', 'confirm', { code }, newRequestId());
  expect(r.body.error.code).toBe('MERCHANT.SUSPENDED');
  expect((await gw.db.collection('offers').doc(o).get()).data[0].stock).toBe(10);
  expect(await balanceOf(gw.db, accountIds.wallet(vol.id), gw.now())).toBe(50);
});
