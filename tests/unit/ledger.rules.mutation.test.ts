import { refused } from '../support/domain';
import { decideEntry, decideReversal } from '../../cloudfunctions/core/ledger/ledger.deciders';
import { accountIds, type EntryCommand, type JournalEntry, type LedgerAccount } from '../../cloudfunctions/core/ledger/ledger.model';

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
