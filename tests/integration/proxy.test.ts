import { newVolunteer } from '../support/fixtures';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Managed accounts and proxy links (DOMAIN.md "Managed accounts and proxies"): staff create an
 * elder's account, a volunteer asks to hold them, staff verify it on screen or with a one-time
 * code the elder hands over, either side or staff revoke it, and every act for the elder is in
 * their log.
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
const account = async (userId: string, action: string, input: object = {}, write = true) =>
  gw.call(await as(userId), 'account', action, input, write ? newRequestId() : undefined);
const count = async (collection: string) => (await gw.db.collection(collection).count()).total;

describe('managed accounts', () => {
  it('staff create one for an elder without WeChat (phone optional), see it in their list, and edit it; others may not', async () => {
    const made = await account('u-staff', 'createManaged', { name: '李大爷', communityId: 'c-xinxian', birthYear: 1940, address: '新鲜胡同 3 号' });
    expect(made.body.data.user).toMatchObject({ name: '李大爷', managed: true, birthYear: 1940, communityName: '新鲜社区', address: '新鲜胡同 3 号' });
    expect(made.body.data.user.phone).toBeUndefined();
    const id = made.body.data.user.id;
    const listed = (await account('u-staff', 'managed', {}, false)).body.data.items.map((u: { name: string }) => u.name);
    expect(listed).toEqual(expect.arrayContaining(['李大爷', '孙桂兰', '周秀珍']));
    const edited = await account('u-staff', 'updateManaged', { userId: id, phone: '13810009999', address: null });
    expect(edited.body.data.user).toMatchObject({ phone: '13810009999' });
    expect(edited.body.data.user.address).toBeUndefined();
    // Staff of another community, a volunteer: refused, nothing written.
    const users = await count('users');
    expect((await account('u-staff-chaoxi', 'createManaged', { name: '王奶奶', communityId: 'c-xinxian', birthYear: 1939 })).body.error.code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect((await account('u-vol-1', 'createManaged', { name: '王奶奶', communityId: 'c-xinxian', birthYear: 1939 })).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await account('u-staff-chaoxi', 'updateManaged', { userId: id, name: '改名' })).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await account('u-staff', 'updateManaged', { userId: 'u-vol-1', name: '改名' })).body.error.code).toBe('AUTH.FORBIDDEN');
    expect(await count('users')).toBe(users);
    const bad = await account('u-staff', 'createManaged', { name: '', communityId: 'c-xinxian', birthYear: 1800 });
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['birthYear', 'name']);
  });

  it("the elder's page: staff see the phone whole, a proxy sees it masked; someone unrelated is refused", async () => {
    const staff = (await account('u-staff', 'elder', { userId: 'u-elder' }, false)).body.data;
    expect(staff).toMatchObject({ staff: true, balanceMinutes: 120, scopes: ['wallet', 'help', 'redeem', 'checkin'] });
    expect(staff.elder.phone).toBe('13810000021');
    expect(staff.staffPhone).toBe('13810000002');
    const proxy = (await account('u-proxy', 'elder', { userId: 'u-elder' }, false)).body.data;
    expect(proxy).toMatchObject({ staff: false, balanceMinutes: 120 });
    expect(proxy.elder.phone).toBe('138****0021');
    expect(proxy.links.map((l: { proxyId: string }) => l.proxyId)).toEqual(['u-proxy']);
    for (const who of ['u-vol-1', 'u-staff-chaoxi', 'u-merchant']) {
      const r = await account(who, 'elder', { userId: 'u-elder' }, false);
      expect(r.body.error.code).toBe('AUTH.FORBIDDEN');
      expect(r.body.data).toBeUndefined();
    }
  });
});

describe('proxy links', () => {
  it('asked by phone, verified by staff on screen: the proxy is told and can act; the staff queue empties', async () => {
    const vol = await newVolunteer(gw, { name: '吴小华' });
    const asked = await gw.call(vol.token, 'account', 'proxyRequest', { elderPhone: '13810000024', scopes: ['help', 'wallet'] }, newRequestId());
    expect(asked.body.data.link).toMatchObject({
      elderId: 'u-elder-2',
      elderName: '周秀珍',
      proxyName: '吴小华',
      status: 'requested',
      scopes: ['help', 'wallet'],
    });
    const linkId = asked.body.data.link.id;
    // Asking again answers with the same request: one link per pair.
    const again = await gw.call(vol.token, 'account', 'proxyRequest', { elderId: 'u-elder-2', scopes: ['help'] }, newRequestId());
    expect(again.body.data.link.id).toBe(linkId);
    expect((await gw.call(vol.token, 'wallet', 'balance', { forUserId: 'u-elder-2' })).body.error.code).toBe('PROXY.NOT_ACTIVE');
    const queue = (await account('u-staff', 'proxies', { communityId: 'c-xinxian', status: 'requested' }, false)).body.data.items.map(
      (l: { id: string }) => l.id,
    );
    expect(queue).toEqual(expect.arrayContaining(['pl-vol2-elder2', linkId]));
    expect((await account('u-staff', 'proxyRequest', { elderId: 'u-staff', scopes: ['help'] })).body.error.code).toBe('PROXY.SELF');
    expect((await account('u-staff-chaoxi', 'proxyVerify', { linkId })).body.error.code).toBe('AUTH.FORBIDDEN');

    const verified = await account('u-staff', 'proxyVerify', { linkId });
    expect(verified.body.data.link).toMatchObject({ status: 'active', verifiedBy: 'u-staff', verifiedHow: 'staff' });
    expect((await gw.call(vol.token, 'message', 'list', {})).body.data.items[0]).toMatchObject({ kind: 'proxy.verified', title: '代持已生效' });
    expect((await gw.call(vol.token, 'wallet', 'balance', { forUserId: 'u-elder-2' })).body.data.balanceMinutes).toBeGreaterThanOrEqual(0);
    expect((await account('u-staff', 'proxyVerify', { linkId })).body.error.code).toBe('PROXY.BAD_STATE');
    const me = (await gw.call(vol.token, 'account', 'me', {})).body.data;
    expect(me.elders).toEqual([{ id: 'u-elder-2', name: '周秀珍', scopes: ['help', 'wallet'] }]);
  });

  it('confirmed with the one-time code the elder holds: five wrong tries void it, the right one activates the link', async () => {
    const vol = await newVolunteer(gw, { name: '郭明' });
    const linkId = (await gw.call(vol.token, 'account', 'proxyRequest', { elderId: 'u-elder', scopes: ['wallet'] }, newRequestId())).body.data.link.id;
    const confirm = (code: string) => gw.call(vol.token, 'account', 'proxyConfirm', { linkId, code }, newRequestId());
    expect((await confirm('123456')).body.error.code).toBe('PROXY.CODE_INVALID');
    const { code } = (await account('u-staff', 'proxyCode', { linkId })).body.data;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';
    // Someone else cannot use the code for this link.
    expect((await account('u-vol-1', 'proxyConfirm', { linkId, code })).body.error.code).toBe('PROXY.NOT_FOUND');
    for (let i = 0; i < 5; i++) expect((await confirm(wrong)).body.error.code).toBe('PROXY.CODE_INVALID');
    expect((await confirm(code)).body.error.code).toBe('PROXY.CODE_INVALID');
    const fresh = (await account('u-staff', 'proxyCode', { linkId })).body.data.code;
    const ok = await confirm(fresh);
    expect(ok.body.data.link).toMatchObject({ status: 'active', verifiedHow: 'code', verifiedBy: 'u-staff' });
  });

  it('a code expires after three days', async () => {
    const vol = await newVolunteer(gw, { name: '冯晓' });
    const linkId = (await gw.call(vol.token, 'account', 'proxyRequest', { elderId: 'u-elder', scopes: ['help'] }, newRequestId())).body.data.link.id;
    const { code } = (await account('u-staff', 'proxyCode', { linkId })).body.data;
    await fetch(`${gw.url}/api/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMinutes: 72 * 60 + 1 }),
    });
    expect((await gw.call(vol.token, 'account', 'proxyConfirm', { linkId, code }, newRequestId())).body.error.code).toBe('PROXY.CODE_INVALID');
  });

  it('either side or staff revoke at once; anyone else may not; a phone shared by several elders is for staff to sort out', async () => {
    const vol = await newVolunteer(gw, { name: '秦岭' });
    const linkId = (await gw.call(vol.token, 'account', 'proxyRequest', { elderId: 'u-elder', scopes: ['help'] }, newRequestId())).body.data.link.id;
    await account('u-staff', 'proxyVerify', { linkId });
    expect((await account('u-vol-1', 'proxyRevoke', { linkId })).body.error.code).toBe('AUTH.FORBIDDEN');
    const revoked = await gw.call(vol.token, 'account', 'proxyRevoke', { linkId }, newRequestId());
    expect(revoked.body.data.link).toMatchObject({ status: 'revoked', revokedBy: vol.id });
    expect((await gw.call(vol.token, 'wallet', 'balance', { forUserId: 'u-elder' })).body.error.code).toBe('PROXY.NOT_ACTIVE');
    // After a revocation a new request makes a new link.
    const anew = await gw.call(vol.token, 'account', 'proxyRequest', { elderId: 'u-elder', scopes: ['help'] }, newRequestId());
    expect(anew.body.data.link.id).not.toBe(linkId);

    await account('u-staff', 'createManaged', { name: '孙桂芳', communityId: 'c-xinxian', birthYear: 1945, phone: '13810000021' });
    const shared = await gw.call(vol.token, 'account', 'proxyRequest', { elderPhone: '13810000021', scopes: ['help'] }, newRequestId());
    expect(shared.body.error.code).toBe('PROXY.AMBIGUOUS');
    expect(shared.body.error.message).toContain('社工');
    expect((await gw.call(vol.token, 'account', 'proxyRequest', { elderPhone: '13899999999', scopes: ['help'] }, newRequestId())).body.error.code).toBe(
      'ACCOUNT.NOT_FOUND',
    );
  });

  it("what a proxy does for the elder is in the elder's log, with who did it", async () => {
    await gw.call(await as('u-proxy'), 'redeem', 'issue', { offerId: 'o-market-eggs', forUserId: 'u-elder' }, newRequestId());
    const log = (await account('u-proxy', 'proxyLog', { forUserId: 'u-elder' }, false)).body.data.items;
    expect(log[0]).toMatchObject({ actorId: 'u-proxy', actorName: '孙伟', what: '出示兑换码：朝阳门生活超市 · 鲜鸡蛋一盒（10 枚）' });
    expect((await account('u-vol-1', 'proxyLog', { forUserId: 'u-elder' }, false)).body.error.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('messages about hours', () => {
  it('approved hours reach the volunteer, with what was credited', async () => {
    const pending = (await gw.call(await as('u-staff'), 'hours', 'pending', { communityId: 'c-xinxian' })).body.data.items;
    const record = pending.find((r: { userId: string }) => r.userId === 'u-vol-1');
    await gw.call(await as('u-staff'), 'hours', 'approve', { attendanceIds: [record.id] }, newRequestId());
    const inbox = (await gw.call(await as('u-vol-1'), 'message', 'list', {})).body.data;
    expect(inbox.items[0]).toMatchObject({ kind: 'hours.approved', title: '服务时长已通过' });
    expect(inbox.items[0].body).toContain('时间币已入账');
    expect(inbox.unread).toBeGreaterThan(0);
  });
});
