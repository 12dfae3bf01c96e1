import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { accountIds } from '../../cloudfunctions/core/ledger/ledger.model';
import { balanceOf } from '../../cloudfunctions/core/ledger/ledger.repository';
import { newVolunteer as volunteer } from '../support/fixtures';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
let merchant: string;
beforeAll(async () => {
  gw = await startTestGateway();
  merchant = await gw.login('u-merchant');
});
afterAll(async () => {
  await gw.stop();
});

const advance = (minutes: number) => fetch(`${gw.url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: minutes }) });
const wallet = (userId: string) => balanceOf(gw.db, accountIds.wallet(userId), gw.now());
async function newOffer(over: Record<string, unknown> = {}): Promise<string> {
  const r = await gw.call(merchant, 'redeem', 'createOffer', { title: '测试商品', priceMinutes: 30, stock: 100, ...over }, newRequestId());
  expect(r.body.ok).toBe(true);
  return r.body.data.offer.id;
}
const newVolunteer = (minutes: number) => volunteer(gw, { name: '兑换测试', minutes });
const issue = async (token: string, offerId: string, forUserId?: string) =>
  (await gw.call(token, 'redeem', 'issue', { offerId, ...(forUserId ? { forUserId } : {}) }, newRequestId())).body;
let operators = 0;
/** A new shop with a new operator (own guess window), logged in. */
async function newOperator(): Promise<string> {
  const admin = await gw.login('u-admin');
  const person = await newVolunteer(0);
  const shop = await gw.call(
    admin,
    'redeem',
    'onboardMerchant',
    { name: `猜码测试店 ${++operators}`, address: '朝阳门内大街 2 号', communityId: 'c-chaoxi', operatorIds: [person.id] },
    newRequestId(),
  );
  expect(shop.body.ok).toBe(true);
  return person.token;
}
const confirm = (code: string, who = merchant) => gw.call(who, 'redeem', 'confirm', { code }, newRequestId());

describe('the counter', () => {
  it('given a code, when the merchant confirms the 8 digits, then coins move, stock drops and the code closes', async () => {
    const offerId = await newOffer({ stock: 5, perPersonMonthlyLimit: 3 });
    const vol = await newVolunteer(100);
    const issued = await issue(vol.token, offerId);
    expect(issued.data.digits).toMatch(/^\d{8}$/);
    expect(issued.data.code).toMatch(/^yqr1\.[A-Za-z0-9_-]{22}$/);
    const preview = await gw.call(merchant, 'redeem', 'preview', { code: issued.data.digits });
    expect(preview.body.data.redemption).toMatchObject({ offerTitle: '测试商品', priceMinutes: 30, holderName: '兑***', status: 'open' });
    const merchantBefore = await balanceOf(gw.db, accountIds.merchant('m-market'), gw.now());
    const done = await confirm(issued.data.digits);
    expect(done.body.data.redemption.status).toBe('used');
    expect(await wallet(vol.id)).toBe(70);
    expect(await balanceOf(gw.db, accountIds.merchant('m-market'), gw.now())).toBe(merchantBefore + 30);
    const offers = await gw.call(vol.token, 'redeem', 'offers', { merchantId: 'm-market' });
    expect(offers.body.data.items.find((o: { id: string }) => o.id === offerId)).toMatchObject({ stock: 4, limitLeft: 2 });
    // The holder's code page learns it was used, and what was bought; nobody else can ask.
    const status = await gw.call(vol.token, 'redeem', 'code', { code: issued.data.code });
    expect(status.body.data.redemption).toMatchObject({ status: 'used', offerTitle: '测试商品', priceMinutes: 30 });
    expect((await gw.call(merchant, 'redeem', 'code', { code: issued.data.code })).body.error.code).toBe('REDEEM.CODE_INVALID');
    expect((await gw.call(vol.token, 'redeem', 'code', { code: issued.data.digits })).body.error.code).toBe('REDEEM.CODE_INVALID');
    expect((await gw.call(await gw.login('u-vol-2'), 'redeem', 'cancel', { code: issued.data.code }, newRequestId())).body.error.code).toBe(
      'REDEEM.CODE_INVALID',
    );
    const again = await confirm(issued.data.code);
    expect(again.body.error.code).toBe('REDEEM.CODE_USED');
    // the digits typed again name the used code, not a wrong guess or a balance problem
    expect((await confirm(issued.data.digits)).body.error.code).toBe('REDEEM.CODE_USED');
    expect((await gw.call(merchant, 'redeem', 'preview', { code: issued.data.digits })).body.error.code).toBe('REDEEM.CODE_USED');
    expect(await wallet(vol.id)).toBe(70);
  });

  it('an expired code costs nothing; a cancelled one cannot be used; unknown digits are refused', async () => {
    const offerId = await newOffer();
    const vol = await newVolunteer(100);
    const a = await issue(vol.token, offerId);
    const b = await issue(vol.token, offerId);
    const cancelled = await gw.call(vol.token, 'redeem', 'cancel', { code: b.data.code }, newRequestId());
    expect(cancelled.body.data.redemption.status).toBe('cancelled');
    expect((await confirm(b.data.code)).body.error.code).toBe('REDEEM.CODE_CANCELLED');
    expect((await confirm(b.data.digits)).body.error.code).toBe('REDEEM.CODE_CANCELLED');
    await advance(11);
    expect((await confirm(a.data.digits)).body.error.code).toBe('REDEEM.CODE_EXPIRED');
    expect(await wallet(vol.id)).toBe(100);
    const mine = await gw.call(vol.token, 'redeem', 'mine', {});
    expect(mine.body.data.items.map((r: { status: string }) => r.status).sort()).toEqual(['cancelled', 'expired']);
  });

  it("a non-operator cannot confirm; another merchant's operator gets WRONG_MERCHANT; nothing changes", async () => {
    const offerId = await newOffer();
    const vol = await newVolunteer(100);
    const code = (await issue(vol.token, offerId)).data.code;
    expect((await confirm(code, await gw.login('u-vol-2'))).body.error.code).toBe('AUTH.FORBIDDEN');
    const admin = await gw.login('u-admin');
    const other = await gw.call(
      admin,
      'redeem',
      'onboardMerchant',
      { name: '朝阳门小面馆', address: '朝阳门内大街 1 号', communityId: 'c-chaoxi', operatorIds: ['u-vol-3'] },
      newRequestId(),
    );
    expect(other.body.ok).toBe(true);
    const wrong = await confirm(code, await gw.login('u-vol-3'));
    expect(wrong.body.error.code).toBe('REDEEM.WRONG_MERCHANT');
    expect(await wallet(vol.id)).toBe(100);
  });

  it('an operator changes an offer and takes it off sale: buyers no longer see it, the operator still does', async () => {
    const offerId = await newOffer({ title: '下架测试', priceMinutes: 45 });
    const changed = await gw.call(merchant, 'redeem', 'updateOffer', { offerId, priceMinutes: 50, stock: 7, active: false }, newRequestId());
    expect(changed.body.data.offer).toMatchObject({ priceMinutes: 50, stock: 7, active: false });
    const vol = await gw.login('u-vol-1');
    expect((await gw.call(vol, 'redeem', 'offers', { merchantId: 'm-market' })).body.data.items.map((o: { id: string }) => o.id)).not.toContain(offerId);
    expect(
      (await gw.call(merchant, 'redeem', 'offers', { merchantId: 'm-market', includeOffSale: true })).body.data.items.map((o: { id: string }) => o.id),
    ).toContain(offerId);
    expect((await gw.call(vol, 'redeem', 'offers', { merchantId: 'm-market', includeOffSale: true })).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await gw.call(vol, 'redeem', 'updateOffer', { offerId, active: true }, newRequestId())).body.error.code).toBe('AUTH.FORBIDDEN');
    const negative = await gw.call(merchant, 'redeem', 'updateOffer', { offerId, stock: -3 }, newRequestId());
    expect(negative.body.error.details.fields[0].path).toBe('stock');
  });

  it('offers with a negative price or stock are refused with field messages', async () => {
    const bad = await gw.call(merchant, 'redeem', 'createOffer', { title: '坏商品', priceMinutes: -5, stock: -1 }, newRequestId());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['priceMinutes', 'stock']);
    const notOperator = await gw.call(await gw.login('u-vol-1'), 'redeem', 'createOffer', { title: '冒名商品', priceMinutes: 5, stock: 1 }, newRequestId());
    expect(notOperator.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('five wrong digit entries in a minute throttle the operator for a minute', async () => {
    const op = await gw.login('u-merchant');
    for (let i = 0; i < 5; i++) expect((await gw.call(op, 'redeem', 'preview', { code: '00000000' })).body.error.code).toBe('REDEEM.CODE_INVALID');
    const blocked = await gw.call(op, 'redeem', 'preview', { code: '00000001' });
    expect(blocked).toMatchObject({ status: 429, body: { error: { code: 'REDEEM.THROTTLED' } } });
    await advance(2);
    expect((await gw.call(op, 'redeem', 'preview', { code: '00000002' })).body.error.code).toBe('REDEEM.CODE_INVALID');
  });

  it('300 wrong guesses at once from one operator → exactly 5 are looked at, the rest THROTTLED', async () => {
    await advance(2);
    const op = await newOperator();
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => gw.call(op, 'redeem', 'preview', { code: String(10_000_000 + i) })));
    const codes = answers.map((a) => a.body.error.code);
    expect(codes.filter((c) => c === 'REDEEM.CODE_INVALID')).toHaveLength(5);
    expect(codes.filter((c) => c === 'REDEEM.THROTTLED')).toHaveLength(295);
  });

  it("many operators guessing together share the street's 30 a minute; a right code is not a guess", async () => {
    await advance(2);
    const ops = await Promise.all(Array.from({ length: 8 }, () => newOperator()));
    const answers = await Promise.all(
      ops.flatMap((op, k) => Array.from({ length: 5 }, (_, i) => gw.call(op, 'redeem', 'preview', { code: String(20_000_000 + k * 10 + i) }))),
    );
    const codes = answers.map((a) => a.body.error.code);
    expect(codes.filter((c) => c === 'REDEEM.CODE_INVALID')).toHaveLength(30);
    expect(codes.filter((c) => c === 'REDEEM.THROTTLED')).toHaveLength(10);
    // a QR code needs no guess, and is still read while the street's typing is throttled
    const vol = await newVolunteer(100);
    const issued = await issue(vol.token, await newOffer());
    expect((await gw.call(merchant, 'redeem', 'preview', { code: issued.data.code })).body.ok).toBe(true);
    expect((await gw.call(merchant, 'redeem', 'preview', { code: issued.data.digits })).body.error.code).toBe('REDEEM.THROTTLED');
    await advance(2);
    expect((await gw.call(merchant, 'redeem', 'preview', { code: issued.data.digits })).body.ok).toBe(true);
  });

  it("a proxy redeems for the elder they hold: the elder's coins pay", async () => {
    const offerId = await newOffer({ priceMinutes: 20 });
    const proxy = await gw.login('u-proxy');
    const before = await wallet('u-elder');
    const code = await issue(proxy, offerId, 'u-elder');
    expect((await confirm(code.data.digits)).body.ok).toBe(true);
    expect(await wallet('u-elder')).toBe(before - 20);
    const entry = (await gw.db.collection('journal').where({ kind: 'redeem', 'refs.offerId': offerId }).get()).data[0];
    expect(entry.actedForId).toBe('u-elder');
  });
});

describe('races settled by the database', () => {
  it('codes worth more than the wallet, each confirmed twice at once → exactly the affordable number succeed', async () => {
    const offerId = await newOffer({ priceMinutes: 30, stock: 100 });
    const vol = await newVolunteer(100); // affords 3 of 30
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await issue(vol.token, offerId)).data.code);
    const answers = await Promise.all([...codes, ...codes].map((c) => confirm(c)));
    const ok = answers.filter((a) => a.body.ok);
    expect(ok).toHaveLength(3);
    for (const a of answers.filter((x) => !x.body.ok)) expect(['WALLET.INSUFFICIENT', 'REDEEM.CODE_USED']).toContain(a.body.error.code);
    expect(await wallet(vol.id)).toBe(10);
    expect((await checkLedger(gw.db)).problems).toEqual([]);
  });

  it('a confirm refused inside its transaction (after its item was taken) leaves the code open and gives the item back', async () => {
    // One a month per person; two codes issued before either is used (issuing does not reserve).
    const offerId = await newOffer({ priceMinutes: 10, stock: 5, perPersonMonthlyLimit: 1 });
    const vol = await newVolunteer(100);
    const a = await issue(vol.token, offerId);
    const b = await issue(vol.token, offerId);
    expect((await confirm(a.data.digits)).body.ok).toBe(true);
    // b passes every check made before queueing (code, wallet, stock), takes an item, and is
    // refused by the rule checked in the transaction.
    expect((await confirm(b.data.code)).body.error.code).toBe('REDEEM.LIMIT_REACHED');
    const offer = (await gw.db.collection('offers').doc(offerId).get()).data[0];
    expect(offer.stock).toBe(4);
    const codeB = (await gw.db.collection('redeemCodes').where({ offerId, status: 'open' }).get()).data;
    expect(codeB).toHaveLength(1);
    expect(await wallet(vol.id)).toBe(90);
    // Racing: several such refusals at once still give back exactly what they took.
    const c = await Promise.all([issue(vol.token, offerId), issue(vol.token, offerId)]);
    expect(c.map((x) => x.error?.code)).toEqual(['REDEEM.LIMIT_REACHED', 'REDEEM.LIMIT_REACHED']);
    const again = await Promise.all([confirm(b.data.code), confirm(b.data.digits), confirm(b.data.code)]);
    expect(again.every((x) => x.body.error?.code === 'REDEEM.LIMIT_REACHED')).toBe(true);
    expect((await gw.db.collection('offers').doc(offerId).get()).data[0].stock).toBe(4);
  });

  it('racing for the last item of stock → one wins', async () => {
    const offerId = await newOffer({ priceMinutes: 10, stock: 1 });
    const vols = await Promise.all(Array.from({ length: 8 }, () => newVolunteer(50)));
    const codes = await Promise.all(vols.map((v) => issue(v.token, offerId)));
    const answers = await Promise.all(codes.map((c) => confirm(c.data.code)));
    expect(answers.filter((a) => a.body.ok)).toHaveLength(1);
    for (const a of answers.filter((x) => !x.body.ok)) expect(a.body.error.code).toBe('REDEEM.OUT_OF_STOCK');
    const total = (await Promise.all(vols.map((v) => wallet(v.id)))).reduce((s, b) => s + b, 0);
    expect(total).toBe(8 * 50 - 10);
  });
});

describe('merchant and street', () => {
  it("the merchant sees today's redemptions and totals; the street settles them", async () => {
    const today = await gw.call(merchant, 'redeem', 'merchantRedemptions', {});
    expect(today.body.data.count).toBeGreaterThan(0);
    expect(today.body.data.totalMinutes).toBe(today.body.data.items.reduce((s: number, i: { priceMinutes: number }) => s + i.priceMinutes, 0));
    const admin = await gw.login('u-admin');
    const notAdmin = await gw.call(
      merchant,
      'redeem',
      'settle',
      { merchantId: 'm-market', until: new Date(Date.now() + 86_400_000).toISOString() },
      newRequestId(),
    );
    expect(notAdmin.body.error.code).toBe('AUTH.FORBIDDEN');
    // A settlement covers redemptions up to two minutes ago (one of the last moments may still be committing).
    const tooSoon = await gw.call(admin, 'redeem', 'settle', { merchantId: 'm-market', until: gw.now().toISOString() }, newRequestId());
    expect(tooSoon.body.data.totalMinutes).toBeLessThan(today.body.data.unsettledMinutes);
    await advance(3);
    const settled = await gw.call(
      admin,
      'redeem',
      'settle',
      { merchantId: 'm-market', until: new Date(gw.now().getTime() + 86_400_000).toISOString() },
      newRequestId(),
    );
    expect(tooSoon.body.data.totalMinutes + settled.body.data.totalMinutes).toBe(today.body.data.unsettledMinutes);
    const again = await gw.call(admin, 'redeem', 'settle', { merchantId: 'm-market', until: gw.now().toISOString() }, newRequestId());
    expect(again.body.error.code).toBe('MERCHANT.NOTHING_TO_SETTLE');
    expect((await checkLedger(gw.db)).problems).toEqual([]);
    const after = await gw.call(admin, 'redeem', 'merchantRedemptions', { merchantId: 'm-market' });
    expect(after.body.data.unsettledMinutes).toBe(0);
    expect(after.body.data.items.every((i: { settled: boolean }) => i.settled)).toBe(true);
  });

  it("a suspended merchant's offers disappear and its codes cannot be confirmed", async () => {
    const offerId = await newOffer();
    const vol = await newVolunteer(100);
    const code = (await issue(vol.token, offerId)).data.code;
    const admin = await gw.login('u-admin');
    await gw.call(admin, 'redeem', 'suspendMerchant', { merchantId: 'm-market', suspended: true }, newRequestId());
    expect((await confirm(code)).body.error.code).toBe('MERCHANT.SUSPENDED');
    expect((await gw.call(vol.token, 'redeem', 'offers', {})).body.data.items.some((o: { merchantId: string }) => o.merchantId === 'm-market')).toBe(false);
    await gw.call(admin, 'redeem', 'suspendMerchant', { merchantId: 'm-market', suspended: false }, newRequestId());
    expect((await confirm(code)).body.ok).toBe(true);
  });
});

it("a managed account cannot be made a merchant's operator: the same rule as granting any role, and nothing is written", async () => {
  const admin = await gw.login('u-admin');
  const before = (await gw.db.collection('merchants').count()).total;
  const r = await gw.call(
    admin,
    'redeem',
    'onboardMerchant',
    { name: '代管店', address: '朝阳门', communityId: 'c-xinxian', operatorIds: ['u-elder'] },
    newRequestId(),
  );
  expect(r.body.error).toMatchObject({ code: 'INPUT.INVALID', message: '代管账户只能是居民' });
  expect((await gw.db.collection('merchants').count()).total).toBe(before);
  expect((await gw.db.collection('users').doc('u-elder').get()).data[0].roles).toEqual([{ role: 'resident', scope: 'c-xinxian' }]);
});
