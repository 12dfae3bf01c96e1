import { startTestGateway, newRequestId, type TestGateway } from '../support/gateway';
import { invocationContext } from '../../local/gateway/functions';
import { demoOpenid } from '../../local/seed/demo';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const count = async (collection: string): Promise<number> => (await gw.db.collection(collection).count()).total as number;

describe('account.me', () => {
  it('given the demo volunteer u-vol-1, then me shows 刘洋 of 新鲜社区, their roles and 150 minutes', async () => {
    const token = await gw.login('u-vol-1');
    const { status, body } = await gw.call(token, 'account', 'me');
    expect(status).toBe(200);
    expect(body.data).toEqual({
      user: {
        id: 'u-vol-1',
        name: '刘洋',
        communityId: 'c-xinxian',
        communityName: '新鲜社区',
        managed: false,
        roles: [
          { role: 'resident', scope: 'c-xinxian' },
          { role: 'volunteer', scope: 'c-xinxian' },
        ],
      },
      walletMinutes: 150,
      elders: [],
    });
    const proxy = await gw.call(await gw.login('u-proxy'), 'account', 'me');
    expect(proxy.body.data.elders).toEqual([{ id: 'u-elder', name: '孙桂兰', scopes: ['help', 'wallet', 'redeem', 'checkin'] }]);
  });

  it('without a session the caller is unauthenticated (401), and an unknown WeChat user is told to register', async () => {
    const anon = await gw.call(null, 'account', 'me');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('AUTH.UNAUTHENTICATED');
    const fresh = await gw.call(await gw.loginNewWeChatUser(), 'account', 'me');
    expect(fresh.status).toBe(401);
    expect(fresh.body.error).toMatchObject({ code: 'AUTH.NOT_REGISTERED', message: expect.stringMatching(/注册/) });
  });

  it('a payload that says who the caller is changes nothing: identity comes only from the context', async () => {
    const { main } = await import('../../cloudfunctions/account/index');
    const forged = await main(
      { action: 'me', userInfo: { openId: demoOpenid('u-admin') }, openid: demoOpenid('u-admin') },
      invocationContext('account', demoOpenid('u-vol-2'), 'r1'),
    );
    expect(forged).toMatchObject({ ok: true, data: { user: { id: 'u-vol-2' } } });
    const noContext = await main({ action: 'me', userInfo: { openId: demoOpenid('u-admin') } }, {});
    expect(noContext).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } });
    // An input field naming someone is not part of me's contract and is refused.
    const viaInput = await gw.call(await gw.login('u-vol-2'), 'account', 'me', { userId: 'u-admin' });
    expect(viaInput.status).toBe(400);
    expect(viaInput.body.error.code).toBe('INPUT.INVALID');
  });

  it('an unknown action or a malformed call is INPUT.INVALID with a Chinese message', async () => {
    const token = await gw.login('u-vol-1');
    const unknown = await gw.call(token, 'account', 'dropTables');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'action' }] } });
    const res = await fetch(`${gw.url}/api/account`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{not json' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('INPUT.INVALID');
  });
});

describe('account.register', () => {
  it('given a new WeChat user, when they register as a volunteer, then they are a resident and volunteer of that community with an empty wallet', async () => {
    const token = await gw.loginNewWeChatUser();
    const { status, body } = await gw.call(
      token,
      'account',
      'register',
      { name: '黄小梅', phone: '13912345678', communityId: 'c-chaoxi', volunteer: true },
      newRequestId(),
    );
    expect(status).toBe(200);
    expect(body.data.user).toMatchObject({
      name: '黄小梅',
      communityId: 'c-chaoxi',
      communityName: '朝西社区',
      roles: [
        { role: 'resident', scope: 'c-chaoxi' },
        { role: 'volunteer', scope: 'c-chaoxi' },
      ],
    });
    const me = await gw.call(token, 'account', 'me');
    expect(me.body.data.walletMinutes).toBe(0);
  });

  it('bad input names the invalid fields in Chinese and writes nothing', async () => {
    const token = await gw.loginNewWeChatUser();
    const before = await count('users');
    const { status, body } = await gw.call(
      token,
      'account',
      'register',
      { name: '', phone: '12345', communityId: 'c-xinxian', volunteer: 'yes' },
      newRequestId(),
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('INPUT.INVALID');
    const paths = body.error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['name', 'phone', 'volunteer']);
    expect(body.error.details.fields.find((f: { path: string }) => f.path === 'phone').message).toMatch(/手机号/);
    const unknownCommunity = await gw.call(
      token,
      'account',
      'register',
      { name: '王五', phone: '13912345679', communityId: 'c-nowhere', volunteer: false },
      newRequestId(),
    );
    expect(unknownCommunity.body.error.code).toBe('COMMUNITY.NOT_FOUND');
    const noRequestId = await gw.call(token, 'account', 'register', { name: '王五', phone: '13912345679', communityId: 'c-xinxian', volunteer: false });
    expect(noRequestId.body.error).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'requestId' }] } });
    expect(await count('users')).toBe(before);
  });

  it('ten racing registrations of one person (different requestIds) create exactly one user', async () => {
    const token = await gw.loginNewWeChatUser();
    const before = await count('users');
    const input = { name: '钱多多', phone: '13900000000', communityId: 'c-xinxian', volunteer: false };
    const answers = await Promise.all(Array.from({ length: 10 }, () => gw.call(token, 'account', 'register', input, newRequestId())));
    expect(answers.filter((a) => a.body.ok)).toHaveLength(1);
    for (const a of answers.filter((x) => !x.body.ok)) expect(a.body.error.code).toBe('ACCOUNT.ALREADY_REGISTERED');
    expect(await count('users')).toBe(before + 1);
  });

  it('a retry with the same requestId replays the first answer; with another payload it is REQUEST.REUSED', async () => {
    const token = await gw.loginNewWeChatUser();
    const rid = newRequestId();
    const input = { name: '孙悟空', phone: '13900000001', communityId: 'c-xinxian', volunteer: true };
    const first = await gw.call(token, 'account', 'register', input, rid);
    const again = await gw.call(token, 'account', 'register', input, rid);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await gw.call(token, 'account', 'register', { ...input, name: '孙行者' }, rid);
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('REQUEST.REUSED');
  });
});

describe('account.lookup', () => {
  it('staff find a person of their street by phone; volunteers cannot look people up', async () => {
    const found = await gw.call(await gw.login('u-staff'), 'account', 'lookup', { phone: '13810000011' });
    expect(found.body.data.items).toEqual([
      { id: 'u-vol-1', name: '刘洋', communityName: '新鲜社区', managed: false, since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    expect((await gw.call(await gw.login('u-staff'), 'account', 'lookup', { phone: '13999999999' })).body.error.code).toBe('ACCOUNT.NOT_FOUND');
    expect((await gw.call(await gw.login('u-vol-2'), 'account', 'lookup', { phone: '13810000011' })).body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('a phone a family shares lists every person with it, with enough to tell them apart', async () => {
    // A second elder on 孙桂兰's landline (managed accounts may share a phone).
    await gw.db.collection('users').add({
      _id: 'u-elder-landline',
      name: '孙桂芳',
      phone: '13810000021',
      communityId: 'c-xinxian',
      streetId: 's-cym',
      managed: true,
      birthYear: 1945,
      roles: [{ role: 'resident', scope: 'c-xinxian' }],
      createdAt: new Date(),
    });
    const found = (await gw.call(await gw.login('u-staff'), 'account', 'lookup', { phone: '13810000021' })).body.data.items;
    expect(found.map((u: { name: string; managed: boolean; birthYear: number }) => [u.name, u.managed, u.birthYear]).sort()).toEqual([
      ['孙桂兰', true, 1942],
      ['孙桂芳', true, 1945],
    ]);
  });
});

describe('one WeChat user per phone', () => {
  it("a newcomer registering with 周明's phone is refused (ACCOUNT.PHONE_TAKEN), and nothing is written", async () => {
    const impostor = await gw.loginNewWeChatUser();
    const before = (await gw.db.collection('users').where({ phone: '13810000031' }).count()).total;
    const r = await gw.call(impostor, 'account', 'register', { name: '周明', phone: '13810000031', communityId: 'c-xinxian', volunteer: true }, newRequestId());
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'ACCOUNT.PHONE_TAKEN', details: { fields: [{ path: 'phone' }] } });
    expect((await gw.db.collection('users').where({ phone: '13810000031' }).count()).total).toBe(before);
    expect((await gw.call(impostor, 'account', 'me')).body.error.code).toBe('AUTH.NOT_REGISTERED');
    // The look-up a merchant's onboarding relies on still finds only the real one.
    const found = (await gw.call(await gw.login('u-admin'), 'account', 'lookup', { phone: '13810000031' })).body.data.items;
    expect(found.map((u: { id: string }) => u.id)).toEqual(['u-merchant']);
  });

  it('two new WeChat users racing to register one phone: exactly one gets it', async () => {
    const tokens = await Promise.all(Array.from({ length: 6 }, () => gw.loginNewWeChatUser()));
    const answers = await Promise.all(
      tokens.map((t, i) =>
        gw.call(t, 'account', 'register', { name: `抢号${i}`, phone: '13977770000', communityId: 'c-xinxian', volunteer: false }, newRequestId()),
      ),
    );
    expect(answers.filter((a) => a.body.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.body.ok).every((a) => a.body.error.code === 'ACCOUNT.PHONE_TAKEN')).toBe(true);
    expect((await gw.db.collection('users').where({ phone: '13977770000' }).count()).total).toBe(1);
  });
});

describe('acting for someone else', () => {
  it("staff act for a managed elder of their community, never for a volunteer's wallet", async () => {
    const staff = await gw.login('u-staff');
    expect((await gw.call(staff, 'wallet', 'balance', { forUserId: 'u-elder' })).body.ok).toBe(true);
    const forVolunteer = await gw.call(staff, 'wallet', 'balance', { forUserId: 'u-vol-1' });
    expect(forVolunteer.body.error.code).toBe('AUTH.FORBIDDEN');
    const code = await gw.call(staff, 'redeem', 'issue', { offerId: 'o-market-eggs', forUserId: 'u-vol-1' }, newRequestId());
    expect(code.body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await gw.db.collection('redeemCodes').where({ userId: 'u-vol-1', issuedBy: 'u-staff' }).count()).total).toBe(0);
  });

  it("a proxy acts only within the link's scopes", async () => {
    await gw.db.collection('proxyLinks').add({
      _id: 'pl-narrow',
      proxyId: 'u-vol-2',
      elderId: 'u-elder',
      communityId: 'c-xinxian',
      streetId: 's-cym',
      scopes: ['wallet'],
      status: 'active',
      requestedAt: new Date(),
    });
    const proxy = await gw.login('u-vol-2');
    expect((await gw.call(proxy, 'wallet', 'balance', { forUserId: 'u-elder' })).body.ok).toBe(true);
    expect((await gw.call(proxy, 'redeem', 'issue', { offerId: 'o-market-eggs', forUserId: 'u-elder' }, newRequestId())).body.error.code).toBe(
      'AUTH.FORBIDDEN',
    );
  });
});

describe('account.grantRole', () => {
  it('given the street admin, when they make u-vol-3 staff of 朝西社区, then u-vol-3 holds that grant', async () => {
    const admin = await gw.login('u-admin');
    const { body } = await gw.call(admin, 'account', 'grantRole', { userId: 'u-vol-3', role: 'staff', scope: 'c-chaoxi' }, newRequestId());
    expect(body.ok).toBe(true);
    expect(body.data.user.roles).toContainEqual({ role: 'staff', scope: 'c-chaoxi' });
    const me = await gw.call(await gw.login('u-vol-3'), 'account', 'me');
    expect(me.body.data.user.roles).toContainEqual({ role: 'staff', scope: 'c-chaoxi' });
  });

  it('deny by default: staff, volunteers and committee members cannot grant roles, and nothing changes', async () => {
    for (const who of ['u-staff', 'u-vol-1', 'u-committee-1']) {
      const { status, body } = await gw.call(await gw.login(who), 'account', 'grantRole', { userId: 'u-vol-2', role: 'admin', scope: 's-cym' }, newRequestId());
      expect(status).toBe(403);
      expect(body.error.code).toBe('AUTH.FORBIDDEN');
    }
    const me = await gw.call(await gw.login('u-vol-2'), 'account', 'me');
    expect(me.body.data.user.roles.map((g: { role: string }) => g.role)).toEqual(['resident', 'volunteer']);
  });

  it('a scope of the wrong kind is refused (staff of a street, admin of a community)', async () => {
    const admin = await gw.login('u-admin');
    const a = await gw.call(admin, 'account', 'grantRole', { userId: 'u-vol-2', role: 'staff', scope: 's-cym' }, newRequestId());
    expect(a.body.error).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'scope' }] } });
    const b = await gw.call(admin, 'account', 'grantRole', { userId: 'u-vol-2', role: 'admin', scope: 'c-xinxian' }, newRequestId());
    expect(b.body.error.code).toBe('INPUT.INVALID');
    const c = await gw.call(admin, 'account', 'grantRole', { userId: 'u-nobody', role: 'volunteer', scope: 'c-xinxian' }, newRequestId());
    expect(c.body.error.code).toBe('ACCOUNT.NOT_FOUND');
  });
});
