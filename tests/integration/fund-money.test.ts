import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Raising and spending (DOMAIN.md "Community fund") through the gateway: money and goods
 * recorded by staff, coins given from a wallet (or by a proxy), payments that may never
 * exceed what the project holds — settled by the database when two race — photos checked on
 * arrival, the public page read without logging in, and both ledgers balanced after it all.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const tokens: Record<string, string> = {};
const as = async (userId: string) => (tokens[userId] ??= await gw.login(userId));
const fund = async (userId: string | null, action: string, input: object = {}, write = true) =>
  gw.call(userId ? await as(userId) : null, 'fund', action, input, write ? newRequestId() : undefined);
const donate = async (userId: string, input: object) => gw.call(await as(userId), 'donate', 'coins', input, newRequestId());
const look = (projectId: string) => fund(null, 'project', { projectId }, false).then((r) => r.body.data.project);
const count = async (collection: string, where: object) => (await gw.db.collection(collection).where(where).count()).total;
const ledgerProblems = async () => (await checkLedger(gw.db)).problems;

/** A project the committee approved (it is active: raising and spending). */
async function activeProject(title = '德有邻孝老行动'): Promise<string> {
  const draft = (
    await fund('u-staff', 'propose', {
      communityId: 'c-xinxian',
      title,
      need: '社区独居老人多，吃饭和看病没人照应，需要志愿者定期上门陪伴。',
      goalFen: 2_000_000,
      plan: '组织 20 名志愿者结对 40 位独居老人，每周上门一次，每月一次集体生日会。',
      budget: [{ item: '生日会物资', amountFen: 2_000_000 }],
    })
  ).body.data.project;
  await fund('u-staff', 'submit', { projectId: draft.id });
  for (const m of ['u-committee-1', 'u-committee-2', 'u-committee-3']) await fund(m, 'vote', { projectId: draft.id, decision: 'approve' });
  expect((await look(draft.id)).status).toBe('active');
  return draft.id;
}

const money = (projectId: string, over: object = {}) => ({
  projectId,
  kind: 'money',
  donorName: '新鲜物业',
  amountFen: 1_000_000,
  channel: 'tencent',
  receiptNo: '99GY-0001',
  at: '2026-09-09T10:00:00+08:00',
  ...over,
});

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
async function upload(bytes: Buffer, userId: string | null = 'u-staff'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gw.url}/files`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(userId ? { authorization: `Bearer ${await as(userId)}` } : {}) },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json() };
}

describe('money and goods, recorded by staff', () => {
  let pj: string;
  beforeAll(async () => {
    pj = await activeProject();
  });

  it('money raises the project and enters the ledger in fen; goods count at their value but are not money', async () => {
    const r = await fund('u-staff', 'record', money(pj));
    expect(r.body.data.donation).toMatchObject({ kind: 'money', donorName: '新鲜物业', amountFen: 1_000_000, channel: 'tencent', receiptNo: '99GY-0001' });
    expect(r.body.data.project.money).toMatchObject({ raisedFen: 1_000_000, spentFen: 0, leftFen: 1_000_000, goodsFen: 0, donations: 1 });
    const anon = await fund('u-staff', 'record', money(pj, { donorName: undefined, anonymous: true, amountFen: 1_997, channel: 'cash', receiptNo: undefined }));
    expect(anon.body.data.donation.donorName).toBe('匿名');
    const goods = await fund('u-staff', 'record', {
      projectId: pj,
      kind: 'goods',
      donorName: '好邻居超市',
      goods: '大米 20 袋',
      valueFen: 120_000,
      channel: 'unit',
    });
    expect(goods.body.data.project.money).toMatchObject({ raisedFen: 1_001_997, leftFen: 1_001_997, goodsFen: 120_000, donations: 3 });

    // Anyone with the link sees every donation, newest first, without logging in.
    const list = (await fund(null, 'donations', { projectId: pj }, false)).body.data.items;
    expect(list.map((d: { donorName: string }) => d.donorName)).toEqual(['好邻居超市', '匿名', '新鲜物业']);
    const entries = await gw.db.collection('journal').where({ kind: 'fund.donation', 'refs.projectId': pj }).get();
    expect(entries.data).toHaveLength(2);
    expect(
      entries.data.every((e: { postings: Array<{ amountFen?: number; amountMinutes?: number }> }) => e.postings.every((p) => p.amountMinutes === undefined)),
    ).toBe(true);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('bad donations are refused with a code and a Chinese message, and nothing is written', async () => {
    const before = await count('donations', { projectId: pj });
    const raisedBefore = (await look(pj)).money.raisedFen;
    const cases: Array<[string | null, object, string, RegExp?]> = [
      ['u-vol-1', money(pj), 'AUTH.FORBIDDEN'],
      ['u-staff-chaoxi', money(pj), 'AUTH.FORBIDDEN'],
      ['u-staff', money(pj, { amountFen: -100 }), 'INPUT.INVALID', /金额必须大于 0/],
      ['u-staff', money(pj, { amountFen: 10.5 }), 'INPUT.INVALID', /金额最小到分/],
      ['u-staff', money(pj, { amountFen: undefined }), 'INPUT.INVALID', /请填写金额/],
      ['u-staff', money(pj, { donorName: undefined }), 'INPUT.INVALID', /请填写捐赠人，或选匿名/],
      ['u-staff', money(pj, { channel: 'wechat-red-packet' }), 'INPUT.INVALID'],
      ['u-staff', money(pj, { at: '2099-01-01T00:00:00+08:00' }), 'INPUT.INVALID', /日期不能晚于今天/],
      ['u-staff', { projectId: pj, kind: 'goods', donorName: '超市', goods: '大米', channel: 'unit' }, 'INPUT.INVALID', /请填写估价/],
      ['u-staff', money('pj-haoren'), 'FUND.BAD_STATE', /还没有通过评审/],
      ['u-staff', money('pj-nope'), 'FUND.NOT_FOUND'],
    ];
    for (const [who, input, code, message] of cases) {
      const r = await fund(who, 'record', input);
      expect({ input, code: r.body.error?.code }).toEqual({ input, code });
      if (message) expect(JSON.stringify(r.body.error)).toMatch(message);
    }
    expect(await count('donations', { projectId: pj })).toBe(before);
    expect((await look(pj)).money.raisedFen).toBe(raisedBefore);
  });
});

describe('paying out', () => {
  it('never more than the project holds: FUND.OVERDRAWN writes nothing; exactly all of it is allowed', async () => {
    const pj = await activeProject('让好人有好报');
    await fund('u-staff', 'record', money(pj, { amountFen: 50_000 }));
    const over = await fund('u-staff', 'disburse', { projectId: pj, amountFen: 50_001, purpose: '购买生日蛋糕', payee: '好味蛋糕店' });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'FUND.OVERDRAWN', message: '支出超过了项目现有的钱', details: { balanceFen: 50_000, neededFen: 50_001 } });
    expect(await count('disbursements', { projectId: pj })).toBe(0);
    expect(await count('journal', { kind: 'fund.disburse', 'refs.projectId': pj })).toBe(0);

    const all = await fund('u-staff', 'disburse', { projectId: pj, amountFen: 50_000, purpose: '购买生日蛋糕', payee: '好味蛋糕店' });
    expect(all.body.data.project.money).toMatchObject({ raisedFen: 50_000, spentFen: 50_000, leftFen: 0 });
    expect(all.body.data.disbursement).toMatchObject({ amountFen: 50_000, purpose: '购买生日蛋糕', payee: '好味蛋糕店', recordedBy: '李秀英', evidence: [] });
    expect((await fund('u-staff', 'disburse', { projectId: pj, amountFen: 1, purpose: '再买一点', payee: '好味蛋糕店' })).body.error.code).toBe(
      'FUND.OVERDRAWN',
    );
    expect((await fund('u-vol-1', 'disburse', { projectId: pj, amountFen: 1, purpose: '再买一点', payee: '好味蛋糕店' })).body.error.code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(await ledgerProblems()).toEqual([]);
  });

  it('two payments that together overdraw: the database lets exactly one through', async () => {
    const pj = await activeProject('重阳节敬老');
    await fund('u-staff', 'record', money(pj, { amountFen: 80_000 }));
    const pay = (purpose: string) => fund('u-staff', 'disburse', { projectId: pj, amountFen: 50_000, purpose, payee: '社区食堂' });
    const results = await Promise.all([pay('第一笔餐费'), pay('第二笔餐费'), pay('第三笔餐费')]);
    const codes = results.map((r) => (r.body.ok ? 'ok' : r.body.error.code)).sort();
    expect(codes).toEqual(['FUND.OVERDRAWN', 'FUND.OVERDRAWN', 'ok']);
    const p = await look(pj);
    expect(p.money).toMatchObject({ raisedFen: 80_000, spentFen: 50_000, leftFen: 30_000 });
    expect(p.money.raisedFen - p.money.spentFen).toBe(p.money.leftFen);
    expect(await count('disbursements', { projectId: pj })).toBe(1);
    expect(await ledgerProblems()).toEqual([]);
  });
});

describe('photos: uploaded, checked, shown', () => {
  it('a photo is stored and served; not a photo, too large, or no login is refused', async () => {
    const ok = await upload(PNG);
    expect(ok.status).toBe(200);
    expect(ok.body.data.fileId).toMatch(/^local:[a-z0-9]+\.png$/);
    const served = await fetch(`${gw.url}${ok.body.data.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const text = await upload(Buffer.from('<script>alert(1)</script>'));
    expect(text).toMatchObject({ status: 415, body: { error: { code: 'FILE.INVALID', message: '只能上传照片（JPG、PNG 或 WebP）' } } });
    const big = await upload(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'FILE.INVALID', message: '照片太大了，每张不能超过 5 MB' } } });
    expect((await upload(PNG, null)).status).toBe(401);
    expect((await fetch(`${gw.url}/files/..%2Femulator-keys.json`)).status).toBe(404);
  });

  it('a payment carries its receipt photo to the public page; a photo never uploaded is refused', async () => {
    const pj = await activeProject('助餐点添置餐具');
    await fund('u-staff', 'record', money(pj, { amountFen: 30_000 }));
    const photo = (await upload(PNG)).body.data.fileId;
    const pay = { projectId: pj, amountFen: 12_000, purpose: '购买餐具', payee: '新鲜五金店' };
    const missing = await fund('u-staff', 'disburse', { ...pay, evidence: ['local:neveruploaded.png'] });
    expect(missing.body.error).toMatchObject({ code: 'FILE.INVALID', message: '有照片没有上传成功，请重新上传' });
    expect((await fund('u-staff', 'disburse', { ...pay, evidence: ['../../etc/passwd'] })).body.error.code).toBe('INPUT.INVALID');
    expect(await count('disbursements', { projectId: pj })).toBe(0);

    await fund('u-staff', 'disburse', { ...pay, evidence: [photo] });
    const shown = (await fund(null, 'disbursements', { projectId: pj }, false)).body.data.items;
    expect(shown).toEqual([
      expect.objectContaining({ amountFen: 12_000, payee: '新鲜五金店', evidence: [{ fileId: photo, url: expect.stringMatching(/^\/files\//) }] }),
    ]);
    expect((await fetch(`${gw.url}${shown[0].evidence[0].url}`)).status).toBe(200);
  });
});

describe('coins to a project, the thanks board', () => {
  it('a volunteer, and a proxy for an elder, give coins; the page shows them; the board thanks those not anonymous', async () => {
    const pj = await activeProject('长者生日会');
    const vol = await donate('u-vol-1', { projectId: pj, amountMinutes: 60 });
    expect(vol.body.data.balanceMinutes).toBe(90);
    const forElder = await donate('u-proxy', { projectId: pj, amountMinutes: 30, forUserId: 'u-elder' });
    expect(forElder.body.ok).toBe(true);
    const anon = await donate('u-vol-2', { projectId: pj, amountMinutes: 20, anonymous: true });
    expect(anon.body.ok).toBe(true);

    expect((await look(pj)).money.coinsMinutes).toBe(110);
    const list = (await fund(null, 'donations', { projectId: pj }, false)).body.data.items;
    expect(list.map((d: { donorName: string; amountMinutes: number }) => [d.donorName, d.amountMinutes])).toEqual([
      ['匿名', 20],
      ['孙桂兰', 30],
      ['刘洋', 60],
    ]);
    const entry = (await gw.db.collection('journal').where({ kind: 'donate.coins', 'refs.projectId': pj, actedForId: 'u-elder' }).get()).data;
    expect(entry).toHaveLength(1);
    expect(entry[0].operatorId).toBe('u-proxy');

    const board = (await gw.call(null, 'donate', 'board', { streetId: 's-cym' })).body.data;
    const names = board.items.map((i: { donorName: string }) => i.donorName);
    expect(names).toEqual(expect.arrayContaining(['刘洋', '孙桂兰']));
    expect(names).not.toContain('陈静');
    expect(board.items[0].totalMinutes).toBeGreaterThanOrEqual(board.items[board.items.length - 1].totalMinutes);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('coins to a project not raising, more coins than the wallet holds, or for an elder without a link are refused', async () => {
    expect((await donate('u-vol-1', { projectId: 'pj-haoren', amountMinutes: 10 })).body.error.code).toBe('FUND.BAD_STATE');
    expect((await donate('u-vol-1', { projectId: 'pj-haoren', poolCommunityId: 'c-xinxian', amountMinutes: 10 })).body.error.code).toBe('INPUT.INVALID');
    const pj = await activeProject('理发进社区');
    expect((await donate('u-vol-2', { projectId: pj, amountMinutes: 6000 })).body.error.code).toBe('WALLET.INSUFFICIENT');
    expect((await donate('u-vol-1', { projectId: pj, amountMinutes: 10, forUserId: 'u-elder' })).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await look(pj)).money.coinsMinutes).toBe(0);
  });
});

describe('updates, the 90-day flag, closing; the public page and the overview', () => {
  it('staff see a project silent for 90 days flagged; an update clears it; closing ends raising', async () => {
    const pj = await activeProject('楼道灯更换');
    await fund('u-staff', 'record', money(pj, { amountFen: 20_000, channel: 'bank' }));
    const staffView = async () => (await fund('u-staff', 'project', { projectId: pj }, false)).body.data.project;
    expect((await staffView()).stale).toBeUndefined();
    await fetch(`${gw.url}/api/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMinutes: 91 * 24 * 60 }),
    });
    expect((await staffView()).stale).toBe(true);
    // The public does not see staff's flag.
    expect((await look(pj)).stale).toBeUndefined();
    const photo = (await upload(PNG)).body.data.fileId;
    const told = await fund('u-staff', 'update', { projectId: pj, text: '已更换 12 栋楼道灯，居民反映晚上回家安心多了。', photos: [photo] });
    expect(told.body.data.project.stale).toBeUndefined();
    expect((await fund('u-staff', 'update', { projectId: pj, text: '短' })).body.error.code).toBe('INPUT.INVALID');

    const closed = await fund('u-staff', 'close', { projectId: pj, report: '共更换楼道灯 36 盏，花费 0 元，余款 200 元转入下一期项目，账目见明细。' });
    expect(closed.body.data.project).toMatchObject({ status: 'closed', can: [], closeReport: { text: expect.stringContaining('36 盏') } });
    expect((await fund('u-staff', 'record', money(pj))).body.error).toMatchObject({ code: 'FUND.BAD_STATE', message: expect.stringContaining('已经结项') });
    expect((await fund('u-staff', 'close', { projectId: pj, report: '再结一次项试试看，应该是不行的，因为已经结项了。' })).body.error.code).toBe(
      'FUND.BAD_STATE',
    );
    const updates = (await fund(null, 'updates', { projectId: pj }, false)).body.data.items;
    expect(updates.map((u: { kind: string }) => u.kind)).toEqual(['close', 'update']);
    expect(updates[1].photos[0].fileId).toBe(photo);
  });

  it('the public page needs no login, shows no draft, and the overview sums balances by channel', async () => {
    expect((await fund(null, 'project', { projectId: 'pj-draft' }, false)).body.error.code).toBe('FUND.NOT_FOUND');
    expect((await fund(null, 'projects', {}, false)).body.error.code).toBe('AUTH.UNAUTHENTICATED');
    expect((await gw.call(null, 'fund', 'record', money('pj-deyoulin'), newRequestId())).body.error.code).toBe('AUTH.UNAUTHENTICATED');
    const ov = (await fund(null, 'overview', { streetId: 's-cym' }, false)).body.data;
    const byChannel = Object.fromEntries(ov.moneyIn.map((m: { channel: string; fen: number }) => [m.channel, m.fen]));
    // What every test above recorded, by channel, read from the ledger's balances.
    const recorded = await gw.db
      .collection('donations')
      .aggregate()
      .match({ kind: 'money' })
      .group({ _id: '$channel', fen: gw.db.command.aggregate.sum('$amountFen') })
      .end();
    for (const r of recorded.data as Array<{ _id: string; fen: number }>) expect(byChannel[r._id]).toBe(r.fen);
    const paid = await gw.db
      .collection('disbursements')
      .aggregate()
      .group({ _id: null, fen: gw.db.command.aggregate.sum('$amountFen') })
      .end();
    expect(ov.spentFen).toBe((paid.data[0] as { fen: number }).fen);
    expect(ov.projects.find((p: { status: string }) => p.status === 'closed').count).toBeGreaterThanOrEqual(1);
    expect((await fund(null, 'overview', {}, false)).body.error.code).toBe('INPUT.INVALID');
  });
});

describe('a community pool, in public', () => {
  it('every gift to the pool and every grant from it, with its reason, is public; the balance is the ledger’s', async () => {
    const gave = await donate('u-vol-1', { poolCommunityId: 'c-xinxian', amountMinutes: 15 });
    expect(gave.body.ok).toBe(true);
    const grant = await gw.call(
      await as('u-staff'),
      'help',
      'poolGrant',
      { userId: 'u-elder-2', amountMinutes: 10, reason: '独居老人看病需要陪同，时间币不够' },
      newRequestId(),
    );
    expect(grant.body.ok).toBe(true);
    const pool = (await fund(null, 'pool', { communityId: 'c-xinxian' }, false)).body.data;
    expect(pool.communityName).toBe('新鲜社区');
    expect(pool.items.slice(0, 2).map((i: { label: string; amountMinutes: number }) => [i.label, i.amountMinutes])).toEqual([
      ['公益池资助：独居老人看病需要陪同，时间币不够', -10],
      ['捐赠时间币：新鲜社区公益池', 15],
    ]);
    const ov = (await fund(null, 'overview', { streetId: 's-cym' }, false)).body.data;
    expect(ov.pools.find((p: { communityId: string }) => p.communityId === 'c-xinxian').minutes).toBe(pool.balanceMinutes);
    expect((await fund(null, 'pool', { communityId: 'c-nowhere' }, false)).body.error.code).toBe('COMMUNITY.NOT_FOUND');
    expect(await ledgerProblems()).toEqual([]);
  });
});
