import path from 'node:path';
import { inTransaction } from '../../cloudfunctions/core/db/tx';
import { wechatPush, type PushPayload } from '../../cloudfunctions/core/messages/push';
import { notify } from '../../cloudfunctions/core/messages/notify';
import { cryptoRandom, randomIds, systemClock, type Deps } from '../../cloudfunctions/core/runtime';
import { localFileStore } from '../../cloudfunctions/core/files/file-store';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * DOMAIN.md "Messages": a failed WeChat send never fails the action. WeChat is not reachable
 * here, so the cloud call's answer is given: errcode 43101 (the person turned messages off)
 * for one person and a network error for another, as `callWxOpenApi` gives them on CloudBase.
 * The event is written, every inbox gets its message, and the others are still sent.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

it('WeChat refusing one send and failing another: the inbox messages stand and the third person is still sent theirs', async () => {
  for (const who of ['u-proxy', 'u-vol-1', 'u-vol-2']) {
    const token = await gw.login(who);
    expect((await gw.call(token, 'message', 'subscribed', { templateKey: 'help', accepted: true }, newRequestId())).body.ok).toBe(true);
  }
  const delivered: string[] = [];
  const push = wechatPush({
    async callWxOpenApi({ requestData }) {
      const { touser } = requestData as { touser: string };
      if (touser === 'dev-openid-u-proxy') return { result: { errcode: 43101, errmsg: 'user refuse to accept the msg' } };
      if (touser === 'dev-openid-u-vol-1') throw new Error('connect ETIMEDOUT');
      delivered.push(touser);
      return { result: { errcode: 0, errmsg: 'ok' } };
    },
  });
  const deps: Deps = {
    db: gw.db,
    clock: systemClock,
    ids: randomIds,
    random: cryptoRandom,
    secrets: { qr: () => 'x'.repeat(32), cursor: () => 'y'.repeat(32) },
    push,
    files: localFileStore(path.join(gw.dataDir, 'files')),
  };
  const note = (userId: string) => ({ userId, kind: 'help.accepted', title: '求助有人接了', body: '刘洋接了孙桂兰的求助', templateKey: 'help' as const });

  const answer = await inTransaction(gw.db, async (tx) => {
    await notify(tx, deps, [note('u-proxy'), note('u-vol-1'), note('u-vol-2')]);
    return 'done';
  });

  expect(answer).toBe('done');
  expect(delivered).toEqual(['dev-openid-u-vol-2']);
  for (const who of ['u-proxy', 'u-vol-1', 'u-vol-2']) {
    const inbox = (await gw.db.collection('messages').where({ userId: who, kind: 'help.accepted' }).get()).data;
    expect(inbox.map((m: { title: string }) => m.title)).toEqual(['求助有人接了']);
  }
});

it('the cloud call answering errcode is an error to the sender (so it is logged, not taken for sent)', async () => {
  const push = wechatPush({ callWxOpenApi: async () => ({ result: JSON.stringify({ errcode: 47003, errmsg: 'argument invalid! data.thing2.value' }) }) });
  const payload: PushPayload = { openid: 'o', templateId: 't', data: { thing2: { value: 'x' } } };
  await expect(push.send(payload)).rejects.toThrow('subscribeMessage.send: 47003 argument invalid! data.thing2.value');
});
