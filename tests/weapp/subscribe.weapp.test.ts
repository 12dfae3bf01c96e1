import { startTestGateway, type TestGateway } from '../support/gateway';
import { bootMiniProgram, ensureWeappBuild, tapping, until, type MiniProgram } from './simulate';

/**
 * WeChat's subscribe dialog opens only when wx.requestSubscribeMessage is called inside the
 * tap itself; after an await it fails with "can only be invoked by user TAP gesture" (WeChat's
 * docs: 用户发生点击行为后才可以调起订阅消息界面). The stub below keeps that rule. In the real
 * weapp build of 求助, 孙伟 posts for 孙桂兰 by tapping; the dialog must be asked in the tap,
 * his answer recorded, and when 刘洋 accepts, the subscribe message goes to 孙伟.
 */
let gw: TestGateway;
let mp: MiniProgram;
const asked: Array<{ inTap: boolean; tmplIds: string[] }> = [];
const calls: Array<{ name: string; action: string; input: unknown; ok: boolean }> = [];

beforeAll(async () => {
  await ensureWeappBuild();
  gw = await startTestGateway();
  const token = await gw.login('u-proxy');
  mp = bootMiniProgram({
    async callFunction(name, data) {
      const { body } = await gw.call(token, name, data.action, data.input, data.requestId);
      calls.push({ name, action: data.action, input: data.input, ok: body.ok });
      return body;
    },
    wx: {
      requestSubscribeMessage(o: { tmplIds: string[]; success?(r: unknown): void; fail?(r: unknown): void; complete?(r: unknown): void }) {
        asked.push({ inTap: tapping.now, tmplIds: o.tmplIds });
        const r = tapping.now
          ? { errMsg: 'requestSubscribeMessage:ok', [o.tmplIds[0]]: 'accept' }
          : { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 };
        if (tapping.now) o.success?.(r);
        else o.fail?.(r);
        o.complete?.(r);
      },
    },
  });
}, 240_000);

afterAll(async () => {
  mp?.close();
  await gw?.stop();
});

it('posting asks for the subscribe message inside the tap; the grant is used when a volunteer accepts', async () => {
  const page = mp.loadPage('pages/help-post/index', { for: 'u-elder' });
  await until(page.text, (t) => t.includes('代买代办'), 10_000);
  // The template ids are fetched when the screen opens, so nothing is left to wait for at the
  // tap; the elder's address fills the form in.
  const loaded = (name: string, action: string) => calls.some((c) => c.name === name && c.action === action && c.ok);
  expect(
    await until(
      async () => loaded('message', 'templates') && loaded('account', 'elder'),
      (v) => v,
      10_000,
    ),
  ).toBe(true);
  page.tap('代买代办');
  await until(page.text, (t) => t.includes('发布'), 10_000);
  page.tap('发布');
  await until(page.text, (t) => t.includes('已为孙桂兰发布'), 10_000);

  expect(asked).toEqual([{ inTap: true, tmplIds: ['local-help'] }]);
  const recorded = await until(
    async () => calls.find((c) => c.name === 'message' && c.action === 'subscribed'),
    (c) => !!c,
    10_000,
  );
  expect(recorded).toMatchObject({ input: { templateKey: 'help', accepted: true }, ok: true });

  const posted = calls.find((c) => c.name === 'help' && c.action === 'post' && c.ok);
  expect(posted).toBeDefined();
  const open = (await gw.call(await gw.login('u-vol-1'), 'help', 'list', {})).body.data.items.find(
    (h: { requesterName: string; description: string }) => h.requesterName === '孙桂兰' && h.description === '帮忙买菜',
  );
  expect((await gw.call(await gw.login('u-vol-1'), 'help', 'accept', { helpId: open.id }, `accept-${open.id}`)).body.ok).toBe(true);
  const sent = (await gw.db.collection('outbox').where({ openid: 'dev-openid-u-proxy' }).get()).data;
  expect(sent.map((m: { templateId: string }) => m.templateId)).toEqual(['local-help']);
}, 60_000);
