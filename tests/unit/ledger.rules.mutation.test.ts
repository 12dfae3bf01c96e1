import { refused } from '../support/domain';
import { decideEntry, decideReversal } from '../../cloudfunctions/core/ledger/ledger.deciders';
import {
  accountIds,
  currencyOf,
  keepsBalance,
  mayGoNegative,
  type EntryCommand,
  type JournalEntry,
  type LedgerAccount,
} from '../../cloudfunctions/core/ledger/ledger.model';

/**
 * The ledger rules' edges that ledger.deciders.test.ts leaves open, found by mutation testing
 * (docs/mutation.md): each test names the wrong rule it catches.
 */
const now = new Date('2026-11-01T02:00:00Z');
const ctx = { now, entryId: 'e1' };
const account = (over: Partial<LedgerAccount> & Pick<LedgerAccount, '_id' | 'kind'>): LedgerAccount => ({
  ownerId: 'x',
  streetId: 's-1',
  createdAt: now,
  ...over,
});
const accounts = (...list: LedgerAccount[]): Map<string, LedgerAccount> => new Map(list.map((a) => [a._id, a]));
const wallet = account({ _id: 'wallet:u1', kind: 'wallet', balance: 100 });
const pool = account({ _id: 'pool:c1', kind: 'pool', balance: 50 });
const escrow = account({ _id: 'escrow:h1', kind: 'escrow', balance: 0 });
const donate = (postings: EntryCommand['postings'], over: Partial<EntryCommand> = {}): EntryCommand => ({
  kind: 'donate.coins',
  operatorId: 'u1',
  postings,
  ...over,
});

describe('what an entry must be', () => {
  it('an entry with no postings at all is refused (it would balance trivially)', () => {
    expect(refused(() => decideEntry(donate([]), accounts(wallet), ctx))).toEqual({ code: 'LEDGER.UNBALANCED', message: '一笔记账至少涉及两个账户' });
  });

  it('a single posting is refused for having one account, before its sum is looked at', () => {
    expect(refused(() => decideEntry(donate([{ accountId: 'wallet:u1', amountMinutes: 5 }]), accounts(wallet), ctx)).message).toBe('一笔记账至少涉及两个账户');
  });

  it('two postings of zero are refused, although they sum to zero', () => {
    const zero = donate([
      { accountId: 'wallet:u1', amountMinutes: 0 },
      { accountId: 'pool:c1', amountMinutes: 0 },
    ]);
    expect(refused(() => decideEntry(zero, accounts(wallet, pool), ctx))).toEqual({ code: 'LEDGER.UNBALANCED', message: '记账金额必须是非零的整数分钟' });
  });

  it('each refusal says which rule was broken', () => {
    const twice = donate([
      { accountId: 'wallet:u1', amountMinutes: -1 },
      { accountId: 'wallet:u1', amountMinutes: 1 },
    ]);
    expect(refused(() => decideEntry(twice, accounts(wallet), ctx)).message).toBe('同一账户在一笔记账中只能出现一次');
    const uneven = donate([
      { accountId: 'wallet:u1', amountMinutes: -10 },
      { accountId: 'pool:c1', amountMinutes: 9 },
    ]);
    expect(refused(() => decideEntry(uneven, accounts(wallet, pool), ctx)).message).toBe('借贷不平：各账户金额之和必须为 0');
    const nowhere = donate([
      { accountId: 'wallet:u1', amountMinutes: -1 },
      { accountId: 'pool:nowhere', amountMinutes: 1 },
    ]);
    expect(refused(() => decideEntry(nowhere, accounts(wallet), ctx)).message).toBe('账户不存在：pool:nowhere');
  });
});

describe('spending', () => {
  it('an overspend says whose balance, how much it holds and how much was needed', () => {
    const cmd = donate([
      { accountId: 'wallet:u1', amountMinutes: -130 },
      { accountId: 'pool:c1', amountMinutes: 130 },
    ]);
    expect(refused(() => decideEntry(cmd, accounts(wallet, pool), ctx))).toEqual({
      code: 'WALLET.INSUFFICIENT',
      message: '时间币余额不足',
      details: { accountId: 'wallet:u1', balanceMinutes: 100, neededMinutes: 130 },
    });
  });

  it('a debit of a shared account whose balance the caller did not read is a bug, never a free spend', () => {
    const unread = account({ _id: 'pool:c1', kind: 'pool' });
    const cmd = donate(
      [
        { accountId: 'pool:c1', amountMinutes: -5 },
        { accountId: 'wallet:u1', amountMinutes: 5 },
      ],
      { kind: 'pool.fund', operatorId: 's' },
    );
    expect(() => decideEntry(cmd, accounts(wallet, unread), ctx)).toThrow('balance of pool:c1 was not read before a debit');
  });

  it('an escrow keeps its own balance, as a wallet does', () => {
    const { balances, entry, guardedDebits } = decideEntry(
      {
        kind: 'help.escrow',
        operatorId: 'u1',
        postings: [
          { accountId: 'wallet:u1', amountMinutes: -30 },
          { accountId: 'escrow:h1', amountMinutes: 30 },
        ],
      },
      accounts(wallet, escrow),
      ctx,
    );
    expect(balances).toEqual(
      new Map([
        ['wallet:u1', 70],
        ['escrow:h1', 30],
      ]),
    );
    expect(entry.postings[1]).toEqual({ accountId: 'escrow:h1', amountMinutes: 30, balanceAfter: 30 });
    expect(guardedDebits).toEqual([]);
  });
});

describe('the journal entry written', () => {
  const postings = [
    { accountId: 'wallet:u1', amountMinutes: -5 },
    { accountId: 'pool:c1', amountMinutes: 5 },
  ];

  it('keeps the refs, the elder a proxy acted for, the memo and the entry it reverses', () => {
    const { entry } = decideEntry(
      { kind: 'reversal', operatorId: 'u-admin', postings, refs: { original: 'e0' }, actedForId: 'elder', memo: '误操作', reversalOf: 'e0' },
      accounts(wallet, pool),
      ctx,
    );
    expect(entry).toEqual({
      _id: 'e1',
      kind: 'reversal',
      postings: [
        { accountId: 'wallet:u1', amountMinutes: -5, balanceAfter: 95 },
        { accountId: 'pool:c1', amountMinutes: 5 },
      ],
      refs: { original: 'e0' },
      operatorId: 'u-admin',
      createdAt: now,
      actedForId: 'elder',
      memo: '误操作',
      reversalOf: 'e0',
    });
  });

  it('without them: empty refs, and no actedForId, memo or reversalOf fields at all', () => {
    const { entry } = decideEntry(donate(postings), accounts(wallet, pool), ctx);
    expect(entry.refs).toEqual({});
    expect(Object.keys(entry).sort()).toEqual(['_id', 'createdAt', 'kind', 'operatorId', 'postings', 'refs']);
  });
});

describe('reversal refusals say why', () => {
  const original: JournalEntry = { _id: 'e-1', kind: 'donate.coins', operatorId: 'u1', refs: {}, createdAt: now, postings: [] };
  it('a missing entry, and a reversal of a reversal', () => {
    expect(refused(() => decideReversal(null, null, { operatorId: 'u', memo: 'x' }))).toEqual({ code: 'NOT_FOUND', message: '要冲正的记录不存在' });
    expect(refused(() => decideReversal({ ...original, kind: 'reversal' }, null, { operatorId: 'u', memo: 'x' })).message).toBe('冲正记录本身不能再冲正');
  });
});

describe('account ids', () => {
  it('are the stored keys of the accounts, one format per kind', () => {
    expect([
      accountIds.wallet('u1'),
      accountIds.merchant('m1'),
      accountIds.project('p1'),
      accountIds.issuance('c1'),
      accountIds.pool('c1'),
      accountIds.escrow('h1'),
      accountIds.settlement('s1'),
    ]).toEqual(['wallet:u1', 'merchant:m1', 'project:p1', 'issuance:c1', 'pool:c1', 'escrow:h1', 'settlement:s1']);
  });
});

describe('money is a second currency, never mixed with minutes (DOMAIN.md "Community fund")', () => {
  const fund = account({ _id: 'fund:pj1', kind: 'fund', balance: 5000 });
  const donors = account({ _id: 'donors:s-1:cash', kind: 'donors' });
  const payees = account({ _id: 'payees:s-1', kind: 'payees' });
  const money = (postings: EntryCommand['postings']): EntryCommand => ({ kind: 'fund.donation', operatorId: 'staff', postings });

  it('a donation moves fen from the donors into the project, whose balance is kept', () => {
    const { entry, balances, guardedDebits } = decideEntry(
      money([
        { accountId: donors._id, amountFen: -1200 },
        { accountId: fund._id, amountFen: 1200 },
      ]),
      accounts(fund, donors),
      ctx,
    );
    expect(entry.postings).toEqual([
      { accountId: donors._id, amountFen: -1200 },
      { accountId: fund._id, amountFen: 1200, balanceAfter: 6200 },
    ]);
    expect(balances).toEqual(new Map([[fund._id, 6200]]));
    // The donors' account stands for the outside world: it goes below zero and is never written.
    expect(guardedDebits).toEqual([]);
  });

  it('paying out more than the project holds is FUND.OVERDRAWN, in fen; exactly all of it is allowed', () => {
    const pay = (amountFen: number) =>
      money([
        { accountId: fund._id, amountFen: -amountFen },
        { accountId: payees._id, amountFen },
      ]);
    expect(refused(() => decideEntry(pay(5001), accounts(fund, payees), ctx))).toMatchObject({ code: 'FUND.OVERDRAWN' });
    try {
      decideEntry(pay(5001), accounts(fund, payees), ctx);
    } catch (e) {
      expect((e as { details?: unknown }).details).toEqual({ accountId: fund._id, balanceFen: 5000, neededFen: 5001 });
    }
    expect(decideEntry(pay(5000), accounts(fund, payees), ctx).balances.get(fund._id)).toBe(0);
  });

  it('minutes and fen in one entry are refused, even when they sum to zero', () => {
    const mixed = money([
      { accountId: wallet._id, amountMinutes: -60 },
      { accountId: fund._id, amountFen: 60 },
    ]);
    expect(refused(() => decideEntry(mixed, accounts(wallet, fund), ctx)).code).toBe('LEDGER.MIXED_CURRENCY');
  });

  it('fen posted to a coin account, or minutes to a money account, are refused', () => {
    const fenToWallet = money([
      { accountId: donors._id, amountFen: -60 },
      { accountId: wallet._id, amountFen: 60 },
    ]);
    expect(refused(() => decideEntry(fenToWallet, accounts(donors, wallet), ctx)).code).toBe('LEDGER.MIXED_CURRENCY');
    const minutesToFund = donate([
      { accountId: wallet._id, amountMinutes: -60 },
      { accountId: fund._id, amountMinutes: 60 },
    ]);
    expect(refused(() => decideEntry(minutesToFund, accounts(wallet, fund), ctx)).code).toBe('LEDGER.MIXED_CURRENCY');
  });

  it('a posting with both amounts, or neither, is refused', () => {
    const both = money([{ accountId: donors._id, amountFen: -60, amountMinutes: -60 } as never, { accountId: fund._id, amountFen: 60 }]);
    expect(refused(() => decideEntry(both, accounts(donors, fund), ctx))).toEqual({ code: 'LEDGER.UNBALANCED', message: '每个账户的金额要么是分钟，要么是分' });
    const neither = money([{ accountId: donors._id } as never, { accountId: fund._id, amountFen: 60 }]);
    expect(refused(() => decideEntry(neither, accounts(donors, fund), ctx))).toEqual({
      code: 'LEDGER.UNBALANCED',
      message: '每个账户的金额要么是分钟，要么是分',
    });
  });

  it('a zero fen amount names fen', () => {
    const zero = money([
      { accountId: donors._id, amountFen: 0 },
      { accountId: fund._id, amountFen: 0 },
    ]);
    expect(refused(() => decideEntry(zero, accounts(donors, fund), ctx)).message).toBe('记账金额必须是非零的整数分');
  });

  it('a reversal of a money entry stays in fen', () => {
    const original: JournalEntry = {
      _id: 'e9',
      kind: 'fund.donation',
      postings: [
        { accountId: donors._id, amountFen: -300 },
        { accountId: fund._id, amountFen: 300, balanceAfter: 300 },
      ],
      refs: {},
      operatorId: 'staff',
      createdAt: now,
    };
    expect(decideReversal(original, null, { operatorId: 'staff', memo: '录错了' }).postings).toEqual([
      { accountId: donors._id, amountFen: 300 },
      { accountId: fund._id, amountFen: -300 },
    ]);
  });

  it('each kind holds one currency, and only the outside world goes below zero', () => {
    expect(accountIds.fund('pj1')).toBe('fund:pj1');
    expect(accountIds.donors('s-1', 'cash')).toBe('donors:s-1:cash');
    expect(accountIds.payees('s-1')).toBe('payees:s-1');
    const kinds = ['wallet', 'merchant', 'project', 'issuance', 'pool', 'escrow', 'settlement', 'fund', 'donors', 'payees'] as const;
    expect(kinds.filter((k) => currencyOf(k) === 'fen')).toEqual(['fund', 'donors', 'payees']);
    expect(kinds.filter((k) => mayGoNegative(k))).toEqual(['issuance', 'donors']);
    expect(kinds.filter((k) => keepsBalance(k))).toEqual(['wallet', 'escrow', 'fund']);
  });
});
