import { execFile } from 'node:child_process';
import path from 'node:path';
import { inTransaction } from '../../cloudfunctions/core/db/tx';
import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { accountIds } from '../../cloudfunctions/core/ledger/ledger.model';
import { balanceOf, postEntry, reverseEntry } from '../../cloudfunctions/core/ledger/ledger.repository';
import { DomainError } from '../../cloudfunctions/core/errors';
import { giveMinutes, newVolunteer } from '../support/fixtures';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const balance = async (token: string, forUserId?: string): Promise<number> =>
  (await gw.call(token, 'wallet', 'balance', forUserId ? { forUserId } : {})).body.data.balanceMinutes;

describe('wallet for someone else', () => {
  it("a proxy with an active link sees the elder's wallet; staff of the elder's community too", async () => {
    expect(await balance(await gw.login('u-proxy'), 'u-elder')).toBe(120);
    expect(await balance(await gw.login('u-staff'), 'u-elder')).toBe(120);
    const history = await gw.call(await gw.login('u-proxy'), 'wallet', 'history', { forUserId: 'u-elder' });
    expect(history.body.data.items.map((i: { amountMinutes: number }) => i.amountMinutes)).toEqual([120]);
  });

  it('anyone else is refused and learns nothing', async () => {
    for (const who of ['u-vol-1', 'u-staff-chaoxi', 'u-merchant']) {
      const r = await gw.call(await gw.login(who), 'wallet', 'balance', { forUserId: 'u-elder' });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('AUTH.FORBIDDEN');
      expect(r.body.data).toBeUndefined();
    }
    const missing = await gw.call(await gw.login('u-proxy'), 'wallet', 'balance', { forUserId: 'u-ghost' });
    expect(missing.body.error.code).toBe('ACCOUNT.NOT_FOUND');
  });
});

describe('spending is settled by the database', () => {
  it('20 racing donations out of a wallet that can afford 5 → exactly 5 succeed, the rest are WALLET.INSUFFICIENT', async () => {
    const token = await gw.login('u-vol-2'); // 60 minutes
    const poolBefore = await balanceOf(gw.db, accountIds.pool('c-xinxian'), gw.now());
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => gw.call(token, 'donate', 'coins', { poolCommunityId: 'c-xinxian', amountMinutes: 12 }, newRequestId())),
    );
    const ok = answers.filter((a) => a.body.ok);
    expect(ok).toHaveLength(5);
    for (const a of answers.filter((x) => !x.body.ok)) {
      expect(a.status).toBe(409);
      expect(a.body.error).toMatchObject({ code: 'WALLET.INSUFFICIENT', message: '时间币余额不足' });
    }
    expect(ok.map((a) => a.body.data.balanceMinutes).sort((x, y) => x - y)).toEqual([0, 12, 24, 36, 48]);
    expect(await balance(token)).toBe(0);
    const poolAfter = await balanceOf(gw.db, accountIds.pool('c-xinxian'), gw.now());
    expect(poolAfter - poolBefore).toBe(60);
    expect((await checkLedger(gw.db)).problems).toEqual([]);
  });

  it('one requestId sent five times at once moves coins once', async () => {
    const token = await gw.login('u-vol-1');
    const before = await balance(token);
    const rid = newRequestId();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => gw.call(token, 'donate', 'coins', { poolCommunityId: 'c-chaoxi', amountMinutes: 10 }, rid)),
    );
    expect(answers.every((a) => a.body.ok)).toBe(true);
    expect(new Set(answers.map((a) => a.body.data.entryId)).size).toBe(1);
    expect(await balance(token)).toBe(before - 10);
  });

  it("donating to another street's pool, or a negative or fractional amount, is refused and changes nothing", async () => {
    const token = await gw.login('u-vol-1');
    const before = await balance(token);
    const other = await gw.call(token, 'donate', 'coins', { poolCommunityId: 'c-elsewhere', amountMinutes: 5 }, newRequestId());
    expect(other.body.error.code).toBe('COMMUNITY.NOT_FOUND');
    for (const amountMinutes of [-5, 0, 2.5]) {
      const r = await gw.call(token, 'donate', 'coins', { poolCommunityId: 'c-xinxian', amountMinutes }, newRequestId());
      expect(r.status).toBe(400);
      expect(r.body.error.details.fields[0].path).toBe('amountMinutes');
    }
    expect(await balance(token)).toBe(before);
  });
});

describe('shared accounts (a community pool) keep no hot document, yet never overspend', () => {
  const spendFromPool = (minutes: number, i: number, recipients: string[]) =>
    inTransaction(gw.db, (tx) =>
      postEntry(
        tx,
        {
          kind: 'pool.fund',
          operatorId: 'u-staff',
          // Each spend to a different person: no shared recipient document serialises them, so
          // only the pool's own guard (debitSeq) stands between the racers and an overdraft.
          postings: [
            { accountId: accountIds.pool('c-dafangjia'), amountMinutes: -minutes },
            { accountId: accountIds.wallet(recipients[i]), amountMinutes: minutes },
          ],
        },
        { now: new Date(), entryId: `e-pool-spend-${i}-${Date.now()}`, db: gw.db },
      ),
    ).then(
      () => 'ok',
      (e) => (e instanceof DomainError ? e.code : String(e)),
    );

  it('donations into a pool do not write the pool document; 10 racing spends of 10 from a pool of 50, to 10 different people → exactly 5', async () => {
    const token = await gw.login('u-vol-1');
    const pool = accountIds.pool('c-dafangjia');
    const doc = async () => (await gw.db.collection('ledgerAccounts').doc(pool).get()).data[0];
    const before = await doc();
    const gifts = await Promise.all(
      Array.from({ length: 5 }, () => gw.call(token, 'donate', 'coins', { poolCommunityId: 'c-dafangjia', amountMinutes: 10 }, newRequestId())),
    );
    expect(gifts.every((g) => g.body.ok)).toBe(true);
    expect(await doc()).toEqual(before); // credits never touched it
    expect(await balanceOf(gw.db, pool, gw.now())).toBe(50);
    const recipients = (await Promise.all(Array.from({ length: 10 }, () => newVolunteer(gw, { name: '受助人', minutes: 0 })))).map((v) => v.id);
    const results = await Promise.all(Array.from({ length: 10 }, (_x, i) => spendFromPool(10, i, recipients)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'WALLET.INSUFFICIENT')).toBe(true);
    expect(await balanceOf(gw.db, pool, gw.now())).toBe(0);
    expect((await checkLedger(gw.db)).problems).toEqual([]);
  });
});

describe('corrections are reversal entries', () => {
  const reverse = (entryId: string) =>
    inTransaction(gw.db, (tx) => reverseEntry(tx, entryId, { operatorId: 'u-staff', memo: '录入错误' }, { now: new Date(), db: gw.db })).then(
      () => 'ok',
      (e) => (e instanceof DomainError ? e.code : String(e)),
    );

  it('given a mistaken credit, when it is reversed, then the wallet is back where it was, once, and the original stays', async () => {
    const vol = await newVolunteer(gw);
    const entry = await giveMinutes(gw, vol.id, 100);
    expect(await reverse(entry._id)).toBe('ok');
    expect(await balanceOf(gw.db, accountIds.wallet(vol.id), gw.now())).toBe(0);
    expect(await reverse(entry._id)).toBe('LEDGER.ALREADY_REVERSED');
    const history = (await gw.call(vol.token, 'wallet', 'history', {})).body.data.items;
    expect(history.map((i: { amountMinutes: number; reversalOf?: string }) => [i.amountMinutes, i.reversalOf])).toEqual([
      [-100, entry._id],
      [100, undefined],
    ]);
    expect((await checkLedger(gw.db)).problems).toEqual([]);
  });

  it('a reversal that would take a wallet below zero is refused and changes nothing', async () => {
    const vol = await newVolunteer(gw);
    const entry = await giveMinutes(gw, vol.id, 100);
    await gw.call(vol.token, 'donate', 'coins', { poolCommunityId: 'c-xinxian', amountMinutes: 50 }, newRequestId());
    expect(await reverse(entry._id)).toBe('WALLET.INSUFFICIENT');
    expect(await balanceOf(gw.db, accountIds.wallet(vol.id), gw.now())).toBe(50);
  });
});

describe('wallet.history', () => {
  it('pages newest first, 20 at a time, with no entry twice and none missing', async () => {
    const token = await gw.loginNewWeChatUser();
    const reg = await gw.call(
      token,
      'account',
      'register',
      { name: '翻页测试', phone: '13700000000', communityId: 'c-xinxian', volunteer: true },
      newRequestId(),
    );
    const userId = reg.body.data.user.id;
    await giveMinutes(gw, userId, 100);
    for (let i = 0; i < 44; i++) {
      const r = await gw.call(token, 'donate', 'coins', { poolCommunityId: 'c-xinxian', amountMinutes: 1 }, newRequestId());
      expect(r.body.ok).toBe(true);
    }
    const seen: Array<{ entryId: string; balanceAfterMinutes: number }> = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    const cursors: string[] = [];
    do {
      const page = await gw.call(token, 'wallet', 'history', cursor ? { cursor } : {});
      if (page.body.data.nextCursor) cursors.push(page.body.data.nextCursor);
      sizes.push(page.body.data.items.length);
      seen.push(...page.body.data.items);
      cursor = page.body.data.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([20, 20, 5]);
    expect(new Set(seen.map((s) => s.entryId)).size).toBe(45);
    // Newest first: the balance after each entry rises as we go back in time.
    expect(seen.map((s) => s.balanceAfterMinutes)).toEqual(Array.from({ length: 45 }, (_x, i) => 56 + i));
    // Crafted cursors (the probe's `[1e+308,"x"]`, raw and encoded, a forged signature) are
    // refused as bad input, never a 500.
    const crafted = [
      'garbage',
      '[1e+308,"x"]',
      Buffer.from('[1e+308,"x"]').toString('base64url'),
      `${Buffer.from('{"s":"x","v":[1e308],"t":0}').toString('base64url')}.AAAA`,
    ];
    for (const c of crafted) {
      const bad = await gw.call(token, 'wallet', 'history', { cursor: c });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'cursor' }] } });
    }
    // A genuine cursor of this wallet does not page someone else's.
    const other = await gw.call(await gw.login('u-vol-2'), 'wallet', 'history', { cursor: cursors[0] });
    expect(other.body.error?.code).toBe('INPUT.INVALID');
  });
});

describe('npm run check:ledger', () => {
  it('passes on a healthy ledger and names the account whose balance disagrees with its postings', async () => {
    // Asynchronously: the gateway under test lives in this process and must keep answering.
    const run = (): Promise<{ status: number; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', path.resolve(__dirname, '../../scripts/check-ledger.ts')],
          { env: { ...process.env, DATA_DIR: gw.dataDir } },
          (err, stdout, stderr) => resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const ok = await run();
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/ledger OK/);
    gw.engine.update('ledgerAccounts', { _id: 'wallet:u-vol-3' }, { $inc: { balance: 7 } }, { multi: false, merge: true, upsert: false });
    const broken = await run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/wallet:u-vol-3.*balance 7 but its postings sum to 0/);
    gw.engine.update('ledgerAccounts', { _id: 'wallet:u-vol-3' }, { $inc: { balance: -7 } }, { multi: false, merge: true, upsert: false });
  });
});
