import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Keys that reach an object's prototype (`__proto__`, `constructor`, `prototype`) are refused
 * wherever they appear in a call, like any unknown key, with the field named and nothing
 * written. JSON.parse keeps `__proto__` as an own key, so these bodies carry it on the wire
 * exactly as an attacker's would.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const hostile = (json: string): object => JSON.parse(json) as object;
const count = async (collection: string): Promise<number> => (await gw.db.collection(collection).count()).total;

describe('keys that reach the prototype', () => {
  it('donate.coins, activity.create, account.grantRole and redeem.updateOffer refuse them, top level and nested, and change nothing', async () => {
    const vol = await gw.login('u-vol-1');
    const staff = await gw.login('u-staff');
    const admin = await gw.login('u-admin');
    const merchant = await gw.login('u-merchant');
    const start = new Date(gw.now().getTime() + 86_400_000).toISOString();
    const end = new Date(gw.now().getTime() + 90_000_000).toISOString();
    const activity = `"communityId":"c-xinxian","title":"原型测试","startAt":"${start}","endAt":"${end}","place":"活动室"`;
    const cases: Array<[string, string, string, string, object]> = [
      [vol, 'donate', 'coins', '__proto__', hostile('{"poolCommunityId":"c-xinxian","amountMinutes":10,"__proto__":{"isAdmin":true}}')],
      [vol, 'donate', 'coins', 'constructor', hostile('{"poolCommunityId":"c-xinxian","amountMinutes":10,"constructor":{"prototype":{"x":1}}}')],
      [staff, 'activity', 'create', '__proto__', hostile(`{${activity},"__proto__":{"capacity":1}}`)],
      [staff, 'activity', 'create', 'prototype', hostile(`{${activity},"prototype":1}`)],
      [admin, 'account', 'grantRole', '__proto__', hostile('{"userId":"u-vol-2","role":"staff","scope":"c-xinxian","__proto__":{"role":"admin"}}')],
      [merchant, 'redeem', 'updateOffer', '__proto__', hostile('{"offerId":"o-market-eggs","priceMinutes":1,"__proto__":{"stock":999}}')],
    ];
    const before = {
      journal: await count('journal'),
      activities: await count('activities'),
      roles: JSON.stringify((await gw.db.collection('users').doc('u-vol-2').get()).data[0].roles),
    };
    const offerBefore = (await gw.db.collection('offers').doc('o-market-eggs').get()).data[0];
    for (const [token, fn, action, key, input] of cases) {
      const r = await gw.call(token, fn, action, input, newRequestId());
      expect({ fn, action, key, status: r.status, code: r.body.error?.code }).toEqual({ fn, action, key, status: 400, code: 'INPUT.INVALID' });
      expect(r.body.error.message).toBe('提交的内容里有不允许的字段名');
      expect(r.body.error.details.fields[0].path).toBe(key);
    }
    expect(await count('journal')).toBe(before.journal);
    expect(await count('activities')).toBe(before.activities);
    expect(JSON.stringify((await gw.db.collection('users').doc('u-vol-2').get()).data[0].roles)).toBe(before.roles);
    expect((await gw.db.collection('offers').doc('o-market-eggs').get()).data[0]).toEqual(offerBefore);
  });

  it('in the envelope and deep inside a list too; a call nested absurdly deep is refused, not a crash', async () => {
    const staff = await gw.login('u-staff');
    const envelope = await fetch(`${gw.url}/api/hours`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: '{"action":"approve","requestId":"t0123456789abcdef","__proto__":{"x":1},"input":{"attendanceIds":["a"]}}',
    });
    expect(envelope.status).toBe(400);
    expect((await envelope.json()).error.details.fields[0].path).toBe('__proto__');
    const nested = await gw.call(staff, 'hours', 'approve', hostile('{"attendanceIds":[{"__proto__":{}}]}'), newRequestId());
    expect(nested.body.error.details.fields[0].path).toBe('attendanceIds.0.__proto__');
    const deep = await fetch(`${gw.url}/api/hours`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: `{"action":"approve","requestId":"t0123456789abcdef","input":{"attendanceIds":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
    });
    expect(deep.status).toBe(400);
    expect((await deep.json()).error).toMatchObject({ code: 'INPUT.INVALID', message: '提交的内容层次太多' });
  });
});
