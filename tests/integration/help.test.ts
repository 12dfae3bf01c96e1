import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { accountIds } from '../../cloudfunctions/core/ledger/ledger.model';
import { balanceOf } from '../../cloudfunctions/core/ledger/ledger.repository';
import { giveMinutes, newVolunteer } from '../support/fixtures';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Help requests end to end through the gateway (DOMAIN.md "Help requests", "Messages"): each
 * transition and refusal as a person meets it, the coins held and released, who may see the
 * address, and races settled by the database.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  // Enough for every request below (the demo gives 孙桂兰 120 minutes).
  await giveMinutes(gw, 'u-elder', 3000);
});
afterAll(async () => {
  await gw.stop();
});

const HOUR = 3600_000;
const at = (ms: number) => new Date(gw.now().getTime() + ms).toISOString();
const place = { area: '新鲜胡同 5 号院', address: '新鲜胡同 5 号院 2 单元 301' };
const request = (over: Record<string, unknown> = {}) => ({
  category: 'shopping',
  description: '帮忙买菜',
  when: at(24 * HOUR),
  durationMinutes: 60,
  place,
  rewardMinutes: 60,
  ...over,
});
const tokens: Record<string, string> = {};
const as = async (userId: string) => (tokens[userId] ??= await gw.login(userId));
const call = async (userId: string, fn: string, action: string, input: object = {}, write = true) =>
  gw.call(await as(userId), fn, action, input, write ? newRequestId() : undefined);
const help = (userId: string, action: string, input: object) => call(userId, 'help', action, input);
const get = async (userId: string, helpId: string) => (await call(userId, 'help', 'get', { helpId }, false)).body.data.help;
const wallet = (userId: string) => balanceOf(gw.db, accountIds.wallet(userId), gw.now());
const escrow = (helpId: string) => balanceOf(gw.db, accountIds.escrow(helpId), gw.now());
const inbox = async (userId: string) => (await call(userId, 'message', 'list', {}, false)).body.data;
const advance = async (minutes: number) => {
  const r = await fetch(`${gw.url}/api/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMinutes: minutes }),
  });
  expect(r.status).toBe(200);
};
const count = async (collection: string) => (await gw.db.collection(collection).count()).total;
/** Posts for 孙桂兰 as her proxy 孙伟 (u-elder holds 120 minutes at the start). */
const postForElder = async (over: Record<string, unknown> = {}) => {
  const r = await help('u-proxy', 'post', request({ forUserId: 'u-elder', ...over }));
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data.help.id as string;
};

/** Nothing was written: the same number of requests, journal entries and messages, the same balance. */
async function expectNothingWritten(userId: string, attempt: () => Promise<{ status: number; body: any }>, code: string) {
  const before = { helps: await count('helps'), journal: await count('journal'), messages: await count('messages'), wallet: await wallet(userId) };
  const r = await attempt();
  expect(r.body.ok).toBe(false);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect({ helps: await count('helps'), journal: await count('journal'), messages: await count('messages'), wallet: await wallet(userId) }).toEqual(before);
  return r;
}

describe('posting a request holds its coins', () => {
  it("given 孙伟 holds 孙桂兰 with the help scope, when he posts for her, then 1 币 moves from her wallet into the request's escrow and her log says he did it", async () => {
    const before = await wallet('u-elder');
    const id = await postForElder();
    expect(await wallet('u-elder')).toBe(before - 60);
    expect(await escrow(id)).toBe(60);
    const h = await get('u-proxy', id);
    expect(h).toMatchObject({
      requesterId: 'u-elder',
      requesterName: '孙桂兰',
      postedBy: 'u-proxy',
      viaProxy: true,
      viaStaff: false,
      status: 'open',
      rewardMinutes: 60,
    });
    const log = (await call('u-staff', 'account', 'proxyLog', { forUserId: 'u-elder' }, false)).body.data.items;
    expect(log[0]).toMatchObject({ actorId: 'u-proxy', actorName: '孙伟', what: '发布求助：代买代办' });
    // Cancelled again so the elder's wallet is back for the next tests.
    expect((await help('u-proxy', 'cancel', { helpId: id, forUserId: 'u-elder' })).body.data.help.status).toBe('cancelled');
    expect(await wallet('u-elder')).toBe(before);
    expect(await escrow(id)).toBe(0);
  });

  it('more coins than the wallet holds: WALLET.INSUFFICIENT and nothing written', async () => {
    await expectNothingWritten('u-elder', () => help('u-proxy', 'post', request({ forUserId: 'u-elder', rewardMinutes: 6000 })), 'WALLET.INSUFFICIENT');
  });

  it('for an elder one does not hold: AUTH.FORBIDDEN and nothing written', async () => {
    await expectNothingWritten('u-elder', () => help('u-vol-1', 'post', request({ forUserId: 'u-elder' })), 'AUTH.FORBIDDEN');
  });

  it('a time in the past, or a reward that is not a whole positive number: INPUT.INVALID naming the field, nothing written', async () => {
    const past = await expectNothingWritten('u-elder', () => help('u-proxy', 'post', request({ forUserId: 'u-elder', when: at(-HOUR) })), 'INPUT.INVALID');
    expect(past.body.error.details.fields).toEqual([expect.objectContaining({ path: 'when' })]);
    for (const rewardMinutes of [0, -60, 1.5]) {
      const r = await expectNothingWritten('u-elder', () => help('u-proxy', 'post', request({ forUserId: 'u-elder', rewardMinutes })), 'INPUT.INVALID');
      expect(r.body.error.details.fields[0].path).toBe('rewardMinutes');
    }
  });

  it('staff take a phone order for a managed elder (社工代录); for an ordinary volunteer they may not', async () => {
    const r = await help('u-staff', 'post', request({ forUserId: 'u-elder-2', category: 'meal', rewardMinutes: 30 }));
    expect(r.body.data.help).toMatchObject({ requesterId: 'u-elder-2', viaStaff: true, postedBy: 'u-staff' });
    await help('u-staff', 'cancel', { helpId: r.body.data.help.id, forUserId: 'u-elder-2' });
    await expectNothingWritten('u-vol-1', () => help('u-staff', 'post', request({ forUserId: 'u-vol-1' })), 'AUTH.FORBIDDEN');
  });
});

describe('the address and phone go only to those allowed', () => {
  it('before acceptance a volunteer sees the area; the one who accepts sees the door and the phone; others never do', async () => {
    const id = await postForElder();
    const before = await get('u-vol-1', id);
    expect(before.place).toEqual({ area: place.area });
    expect(before.requesterPhone).toBeUndefined();
    const listed = (await call('u-vol-1', 'help', 'list', {}, false)).body.data.items.find((h: { id: string }) => h.id === id);
    expect(listed.place).toEqual({ area: place.area });
    expect(JSON.stringify(listed)).not.toContain('2 单元 301');

    const accepted = await help('u-vol-1', 'accept', { helpId: id });
    expect(accepted.body.data.help.place).toEqual(place);
    expect((await get('u-vol-1', id)).requesterPhone).toBe('13810000021');
    for (const who of ['u-vol-3', 'u-resident', 'u-merchant']) {
      const seen = await get(who, id);
      expect(seen.place).toEqual({ area: place.area });
      expect(JSON.stringify(seen)).not.toMatch(/2 单元 301|13810000021/);
    }
    // The requester's side and staff see it all.
    expect((await get('u-proxy', id)).place).toEqual(place);
    expect((await get('u-staff', id)).requesterPhone).toBe('13810000021');
    // Staff of another street's community do not even find it... and of another community see only the area.
    expect((await get('u-staff-chaoxi', id)).place).toEqual({ area: place.area });
    await help('u-vol-1', 'withdraw', { helpId: id });
    expect((await get('u-vol-1', id)).place).toEqual({ area: place.area });
    await help('u-proxy', 'cancel', { helpId: id });
  });
});

describe('from open to completed', () => {
  it('given 孙伟 posted for 孙桂兰, when 刘洋 accepts, marks done and 孙伟 confirms with 5 stars, then the coins reach 刘洋, the escrow ends at zero, and each side was told', async () => {
    const vol = await wallet('u-vol-1');
    const id = await postForElder({ rewardMinutes: 90 });
    const accepted = (await help('u-vol-1', 'accept', { helpId: id })).body.data.help;
    expect(accepted).toMatchObject({ status: 'accepted', volunteerId: 'u-vol-1', volunteerName: '刘洋' });
    expect(accepted.can).toEqual(expect.arrayContaining(['withdraw', 'done']));
    expect((await get('u-proxy', id)).can).toEqual(['cancel']);

    const notDone = await help('u-proxy', 'confirm', { helpId: id, rating: 5 });
    expect(notDone.body.error.code).toBe('HELP.BAD_STATE');

    expect((await help('u-vol-1', 'done', { helpId: id })).body.data.help.status).toBe('done');
    for (const rating of [0, 6, 2.5]) expect((await help('u-proxy', 'confirm', { helpId: id, rating })).body.error.code).toBe('INPUT.INVALID');
    expect(await escrow(id)).toBe(90);

    const done = (await help('u-proxy', 'confirm', { helpId: id, rating: 5, comment: '很细心' })).body.data.help;
    expect(done).toMatchObject({ status: 'completed', rating: 5, comment: '很细心' });
    expect(await wallet('u-vol-1')).toBe(vol + 90);
    expect(await escrow(id)).toBe(0);

    const about = (items: Array<{ kind: string; link?: string }>) => items.filter((m) => m.link?.endsWith(`id=${id}`)).map((m) => m.kind);
    const proxyInbox = about((await inbox('u-proxy')).items);
    expect(proxyInbox.sort()).toEqual(['help.accepted', 'help.done']);
    const volunteerInbox = await inbox('u-vol-1');
    expect(volunteerInbox.items[0]).toMatchObject({ kind: 'help.completed', read: false, link: `/pages/help-detail/index?id=${id}` });
    expect(volunteerInbox.items[0].body).toContain('1.5 时间币已到账，评价 5 星');
    // Messages about a managed elder go to their proxies; the actor is not told of their own act.
    expect(proxyInbox).not.toContain('help.completed');
    expect((await get('u-vol-1', id)).place).toEqual(place);
    // A day after completion the address is gone from the volunteer's view.
    await advance(25 * 60);
    expect((await get('u-vol-1', id)).place).toEqual({ area: place.area });
  });

  it('nobody takes their own request, or one posted for an elder they hold; a taken request is HELP.TAKEN', async () => {
    const own = await help('u-vol-2', 'post', request());
    expect((await help('u-vol-2', 'accept', { helpId: own.body.data.help.id })).body.error.code).toBe('HELP.OWN_REQUEST');
    const forElder = await postForElder();
    expect((await help('u-proxy', 'accept', { helpId: forElder })).body.error.code).toBe('HELP.OWN_REQUEST');
    expect((await help('u-vol-3', 'accept', { helpId: forElder })).body.ok).toBe(true);
    expect((await help('u-vol-1', 'accept', { helpId: forElder })).body.error.code).toBe('HELP.TAKEN');
    // A resident who is not a volunteer may not take requests at all.
    expect((await help('u-resident', 'accept', { helpId: own.body.data.help.id })).body.error.code).toBe('AUTH.FORBIDDEN');
    await help('u-proxy', 'cancel', { helpId: forElder });
    await help('u-vol-2', 'cancel', { helpId: own.body.data.help.id });
    expect((await inbox('u-vol-3')).items[0]).toMatchObject({ kind: 'help.cancelled' });
  });

  it('the volunteer may withdraw before done (the request reopens); after done only a dispute, settled by staff', async () => {
    const id = await postForElder();
    await help('u-vol-1', 'accept', { helpId: id });
    const reopened = (await help('u-vol-1', 'withdraw', { helpId: id })).body.data.help;
    expect(reopened.status).toBe('open');
    expect(reopened.volunteerId).toBeUndefined();
    expect((await inbox('u-proxy')).items[0]).toMatchObject({ kind: 'help.withdrawn' });

    await help('u-vol-3', 'accept', { helpId: id });
    await help('u-vol-3', 'done', { helpId: id });
    expect((await help('u-vol-3', 'withdraw', { helpId: id })).body.error.code).toBe('HELP.BAD_STATE');
    expect((await help('u-proxy', 'cancel', { helpId: id })).body.error.code).toBe('HELP.BAD_STATE');
    const disputed = (await help('u-proxy', 'dispute', { helpId: id, reason: '没有买到菜' })).body.data.help;
    expect(disputed).toMatchObject({ status: 'disputed', disputeReason: '没有买到菜' });
    expect((await inbox('u-staff')).items.map((m: { kind: string }) => m.kind)).toContain('help.disputed');
    expect((await help('u-vol-1', 'resolve', { helpId: id, outcome: 'pay', note: '核实过了' })).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await help('u-staff-chaoxi', 'resolve', { helpId: id, outcome: 'pay', note: '核实过了' })).body.error.code).toBe('AUTH.FORBIDDEN');
    const elder = await wallet('u-elder');
    const resolved = (await help('u-staff', 'resolve', { helpId: id, outcome: 'refund', note: '志愿者确认没买到' })).body.data.help;
    expect(resolved).toMatchObject({ status: 'cancelled', resolution: { outcome: 'refund', note: '志愿者确认没买到' } });
    expect(await wallet('u-elder')).toBe(elder + 60);
    expect(await escrow(id)).toBe(0);
  });

  it('book again: the same request in one step, offered first to the same volunteer for 24 hours', async () => {
    const id = await postForElder();
    await help('u-vol-3', 'accept', { helpId: id });
    await help('u-vol-3', 'done', { helpId: id });
    await help('u-proxy', 'confirm', { helpId: id, rating: 4 });
    const again = (await help('u-proxy', 'rebook', { helpId: id, when: at(48 * HOUR), forUserId: 'u-elder' })).body.data.help;
    expect(again).toMatchObject({ status: 'open', offeredTo: 'u-vol-3', rebookOf: id, category: 'shopping', rewardMinutes: 60 });
    expect((await inbox('u-vol-3')).items[0]).toMatchObject({ kind: 'help.offered' });
    expect((await help('u-vol-1', 'accept', { helpId: again.id })).body.error.code).toBe('HELP.RESERVED');
    await advance(24 * 60 + 1);
    expect((await help('u-vol-1', 'accept', { helpId: again.id })).body.ok).toBe(true);
    await help('u-proxy', 'cancel', { helpId: again.id });
    // Only a completed request can be booked again.
    expect((await help('u-proxy', 'rebook', { helpId: again.id, when: at(48 * HOUR) })).body.error.code).toBe('HELP.BAD_STATE');
  });

  it('a proxy whose link was revoked can no longer act: PROXY.NOT_ACTIVE, nothing written', async () => {
    const vol = await newVolunteer(gw, { name: '钱多多' });
    const asked = await gw.call(vol.token, 'account', 'proxyRequest', { elderId: 'u-elder', scopes: ['help'] }, newRequestId());
    const linkId = asked.body.data.link.id;
    await call('u-staff', 'account', 'proxyVerify', { linkId });
    const ok = await gw.call(vol.token, 'help', 'post', request({ forUserId: 'u-elder' }), newRequestId());
    expect(ok.body.ok).toBe(true);
    await gw.call(vol.token, 'help', 'cancel', { helpId: ok.body.data.help.id }, newRequestId());
    await call('u-staff', 'account', 'proxyRevoke', { linkId });
    await expectNothingWritten('u-elder', () => gw.call(vol.token, 'help', 'post', request({ forUserId: 'u-elder' }), newRequestId()), 'PROXY.NOT_ACTIVE');
  });
});

describe('the timer', () => {
  it('nobody took it by its time: expired, coins back, the proxy told; done for three days: completed and paid, after a reminder a day before', async () => {
    const elder = await wallet('u-elder');
    const lapsed = await postForElder({ when: at(2 * HOUR) });
    const slow = await postForElder({ when: at(3 * HOUR) });
    await help('u-vol-1', 'accept', { helpId: slow });
    await help('u-vol-1', 'done', { helpId: slow });
    await advance(2 * 60 + 1);
    expect((await get('u-proxy', lapsed)).status).toBe('expired');
    expect(await escrow(lapsed)).toBe(0);
    expect(await wallet('u-elder')).toBe(elder - 60);
    expect((await inbox('u-proxy')).items.map((m: { kind: string }) => m.kind)).toContain('help.expired');
    expect((await help('u-vol-3', 'accept', { helpId: lapsed })).body.error.code).toBe('HELP.NOT_OPEN');

    await advance(2 * 24 * 60);
    expect((await get('u-proxy', slow)).status).toBe('done');
    expect((await inbox('u-proxy')).items[0]).toMatchObject({ kind: 'help.completing' });
    expect((await inbox('u-staff')).items.map((m: { kind: string }) => m.kind)).toContain('help.completing');
    const vol = await wallet('u-vol-1');
    await advance(24 * 60);
    expect(await get('u-proxy', slow)).toMatchObject({ status: 'completed', autoCompleted: true });
    expect(await wallet('u-vol-1')).toBe(vol + 60);
    expect(await escrow(slow)).toBe(0);
  });
});

describe('races are settled by the database', () => {
  it('two volunteers accept at once: exactly one takes it, the other is told HELP.TAKEN', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await postForElder();
      const [a, b] = await Promise.all([help('u-vol-1', 'accept', { helpId: id }), help('u-vol-3', 'accept', { helpId: id })]);
      expect([a.body.ok, b.body.ok].filter(Boolean)).toHaveLength(1);
      expect([a, b].find((r) => !r.body.ok)!.body.error.code).toBe('HELP.TAKEN');
      await help('u-proxy', 'cancel', { helpId: id });
    }
  });

  it('done and cancel at once, confirm and dispute at once: one outcome, and the coins went one way', async () => {
    const elder = await wallet('u-elder');
    const id = await postForElder();
    await help('u-vol-1', 'accept', { helpId: id });
    const [done, cancel] = await Promise.all([help('u-vol-1', 'done', { helpId: id }), help('u-proxy', 'cancel', { helpId: id })]);
    expect([done.body.ok, cancel.body.ok].filter(Boolean)).toHaveLength(1);
    const after = (await get('u-proxy', id)).status;
    expect(after).toBe(done.body.ok ? 'done' : 'cancelled');
    expect(await escrow(id)).toBe(done.body.ok ? 60 : 0);
    if (done.body.ok) {
      const [confirm, dispute] = await Promise.all([
        help('u-proxy', 'confirm', { helpId: id, rating: 5 }),
        help('u-proxy', 'dispute', { helpId: id, reason: '没做完' }),
      ]);
      expect([confirm.body.ok, dispute.body.ok].filter(Boolean)).toHaveLength(1);
      if (dispute.body.ok) await help('u-staff', 'resolve', { helpId: id, outcome: 'refund', note: '退回' });
    }
    const final = await get('u-proxy', id);
    expect(await escrow(id)).toBe(0);
    expect(await wallet('u-elder')).toBe(final.status === 'completed' ? elder - 60 : elder);
  });

  it('expiry and acceptance at once: one of them, never both', async () => {
    const id = await postForElder({ when: at(60_000 + 30_000) });
    const [accept] = await Promise.all([help('u-vol-1', 'accept', { helpId: id }), advance(2)]);
    const h = await get('u-proxy', id);
    expect(h.status).toBe(accept.body.ok ? 'accepted' : 'expired');
    expect(await escrow(id)).toBe(accept.body.ok ? 60 : 0);
    if (accept.body.ok) await help('u-proxy', 'cancel', { helpId: id });
  });

  it('after everything, every account balances and all postings sum to zero', async () => {
    expect((await checkLedger(gw.db)).problems).toEqual([]);
  });
});

describe('the inbox', () => {
  it('shows unread messages first-newest; reading marks them; someone else cannot read mine', async () => {
    const before = await inbox('u-proxy');
    expect(before.unread).toBeGreaterThan(0);
    const first = before.items[0];
    expect((await call('u-vol-1', 'message', 'read', { messageIds: [first.id] })).body.data).toBeDefined();
    expect((await inbox('u-proxy')).items[0].read).toBe(false);
    const read = await call('u-proxy', 'message', 'read', { messageIds: [first.id] });
    expect(read.body.data.unread).toBe(before.unread - 1);
    expect((await inbox('u-proxy')).items[0].read).toBe(true);
  });

  it('on WeChat a granted subscribe message is sent once per grant (the local outbox keeps it); a send never fails the action', async () => {
    const outbox = async () =>
      (await (await fetch(`${gw.url}/api/dev/outbox`)).json()).data.items as Array<{
        openid: string;
        templateId: string;
        data: Record<string, { value: string }>;
      }>;
    const before = (await outbox()).length;
    await call('u-proxy', 'message', 'subscribed', { templateKey: 'help', accepted: true });
    const id = await postForElder();
    await help('u-vol-1', 'accept', { helpId: id });
    await help('u-vol-1', 'withdraw', { helpId: id });
    const sent = await outbox();
    expect(sent.length).toBe(before + 1);
    expect(sent[0]).toMatchObject({ openid: 'dev-openid-u-proxy', templateId: 'local-help' });
    expect([...sent[0].data.thing2.value].length).toBeLessThanOrEqual(20);
    await help('u-proxy', 'cancel', { helpId: id });
  });
});
