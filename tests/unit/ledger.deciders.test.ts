import { refusal as code } from '../support/domain';
import { decideEntry, decideReversal, reversalIdOf } from '../../cloudfunctions/core/ledger/ledger.deciders';
import type { JournalEntry, LedgerAccount } from '../../cloudfunctions/core/ledger/ledger.model';
import { decideIdempotency, payloadHash } from '../../cloudfunctions/core/requests/idempotency';

const now = new Date('2026-11-01T02:00:00Z');
const account = (over: Partial<LedgerAccount> & Pick<LedgerAccount, '_id' | 'kind'>): LedgerAccount => ({
  ownerId: 'x',
  streetId: 's-cym',
  createdAt: now,
  ...(over.kind === 'issuance' ? {} : { balance: 0 }),
  ...over,
});
const accounts = (...list: LedgerAccount[]): Map<string, LedgerAccount> => new Map(list.map((a) => [a._id, a]));

describe('decideEntry', () => {
  const wallet = account({ _id: 'wallet:u1', kind: 'wallet', balance: 100 });
  const issuance = account({ _id: 'issuance:c1', kind: 'issuance' });
  const pool = account({ _id: 'pool:c1', kind: 'pool', balance: 5 });

  it('given approved hours, when 120 minutes move from issuance to a wallet, then the wallet shows 220 and issuance keeps no balance', () => {
    const { entry, balances } = decideEntry(
      {
        kind: 'hours.approved',
        operatorId: 'u-staff',
        postings: [
          { accountId: 'issuance:c1', amountMinutes: -120 },
          { accountId: 'wallet:u1', amountMinutes: 120 },
        ],
      },
      accounts(wallet, issuance),
      { now, entryId: 'e1' },
    );
    expect(balances).toEqual(new Map([['wallet:u1', 220]]));
    expect(entry.postings).toEqual([
      { accountId: 'issuance:c1', amountMinutes: -120 },
      { accountId: 'wallet:u1', amountMinutes: 120, balanceAfter: 220 },
    ]);
    expect(entry.postings.reduce((s, p) => s + (p.amountMinutes ?? 0), 0)).toBe(0);
  });

  it('postings that do not sum to zero are refused', () => {
    expect(
      code(() =>
        decideEntry(
          {
            kind: 'donate.coins',
            operatorId: 'u1',
            postings: [
              { accountId: 'wallet:u1', amountMinutes: -10 },
              { accountId: 'pool:c1', amountMinutes: 9 },
            ],
          },
          accounts(wallet, pool),
          { now, entryId: 'e' },
        ),
      ),
    ).toBe('LEDGER.UNBALANCED');
  });

  it('one posting, a zero or fractional amount, or an account twice are refused', () => {
    const one = { kind: 'donate.coins' as const, operatorId: 'u1', postings: [{ accountId: 'wallet:u1', amountMinutes: 0 }] };
    expect(code(() => decideEntry(one, accounts(wallet), { now, entryId: 'e' }))).toBe('LEDGER.UNBALANCED');
    expect(
      code(() =>
        decideEntry(
          {
            ...one,
            postings: [
              { accountId: 'wallet:u1', amountMinutes: -1.5 },
              { accountId: 'pool:c1', amountMinutes: 1.5 },
            ],
          },
          accounts(wallet, pool),
          { now, entryId: 'e' },
        ),
      ),
    ).toBe('LEDGER.UNBALANCED');
    expect(
      code(() =>
        decideEntry(
          {
            ...one,
            postings: [
              { accountId: 'wallet:u1', amountMinutes: -1 },
              { accountId: 'wallet:u1', amountMinutes: 1 },
            ],
          },
          accounts(wallet),
          { now, entryId: 'e' },
        ),
      ),
    ).toBe('LEDGER.UNBALANCED');
  });

  it('given a wallet of 100, when it would pay 101, then WALLET.INSUFFICIENT and nothing is decided', () => {
    expect(
      code(() =>
        decideEntry(
          {
            kind: 'donate.coins',
            operatorId: 'u1',
            postings: [
              { accountId: 'wallet:u1', amountMinutes: -101 },
              { accountId: 'pool:c1', amountMinutes: 101 },
            ],
          },
          accounts(wallet, pool),
          { now, entryId: 'e' },
        ),
      ),
    ).toBe('WALLET.INSUFFICIENT');
    // Exactly the balance is fine: a wallet may reach zero, never below.
    const { balances } = decideEntry(
      {
        kind: 'donate.coins',
        operatorId: 'u1',
        postings: [
          { accountId: 'wallet:u1', amountMinutes: -100 },
          { accountId: 'pool:c1', amountMinutes: 100 },
        ],
      },
      accounts(wallet, pool),
      { now, entryId: 'e' },
    );
    expect(balances.get('wallet:u1')).toBe(0);
  });

  it('an issuance account may go below zero; pools, merchants and escrows may not', () => {
    expect(() =>
      decideEntry(
        {
          kind: 'hours.approved',
          operatorId: 's',
          postings: [
            { accountId: 'issuance:c1', amountMinutes: -1e6 },
            { accountId: 'wallet:u1', amountMinutes: 1e6 },
          ],
        },
        accounts(wallet, issuance),
        { now, entryId: 'e' },
      ),
    ).not.toThrow();
    expect(
      code(() =>
        decideEntry(
          {
            kind: 'pool.fund',
            operatorId: 's',
            postings: [
              { accountId: 'pool:c1', amountMinutes: -6 },
              { accountId: 'wallet:u1', amountMinutes: 6 },
            ],
          },
          accounts(wallet, pool),
          { now, entryId: 'e' },
        ),
      ),
    ).toBe('WALLET.INSUFFICIENT');
  });

  it('spending from a shared account (a pool) guards its debit instead of caching a balance', () => {
    const { balances, guardedDebits, entry } = decideEntry(
      {
        kind: 'pool.fund',
        operatorId: 's',
        postings: [
          { accountId: 'pool:c1', amountMinutes: -5 },
          { accountId: 'wallet:u1', amountMinutes: 5 },
        ],
      },
      accounts(wallet, pool),
      { now, entryId: 'e' },
    );
    expect(guardedDebits).toEqual(['pool:c1']);
    expect(balances).toEqual(new Map([['wallet:u1', 105]]));
    expect(entry.postings[0]).toEqual({ accountId: 'pool:c1', amountMinutes: -5 });
    // Credits to a shared account guard nothing and write no balance.
    const credit = decideEntry(
      {
        kind: 'donate.coins',
        operatorId: 'u1',
        postings: [
          { accountId: 'wallet:u1', amountMinutes: -5 },
          { accountId: 'pool:c1', amountMinutes: 5 },
        ],
      },
      accounts(wallet, pool),
      { now, entryId: 'e' },
    );
    expect(credit.guardedDebits).toEqual([]);
    expect([...credit.balances.keys()]).toEqual(['wallet:u1']);
  });

  it('a posting to an account that does not exist is refused', () => {
    expect(
      code(() =>
        decideEntry(
          {
            kind: 'donate.coins',
            operatorId: 'u1',
            postings: [
              { accountId: 'wallet:u1', amountMinutes: -1 },
              { accountId: 'pool:nowhere', amountMinutes: 1 },
            ],
          },
          accounts(wallet),
          { now, entryId: 'e' },
        ),
      ),
    ).toBe('ACCOUNT.NOT_FOUND');
  });
});

describe('decideReversal', () => {
  const original: JournalEntry = {
    _id: 'e-1',
    kind: 'hours.approved',
    operatorId: 'u-staff',
    refs: { attendanceId: 'a1' },
    createdAt: now,
    postings: [
      { accountId: 'issuance:c1', amountMinutes: -60 },
      { accountId: 'wallet:u1', amountMinutes: 60, balanceAfter: 60 },
    ],
  };

  it('given an entry, when it is reversed, then every posting is negated and the reversal points at the original', () => {
    const cmd = decideReversal(original, null, { operatorId: 'u-admin', memo: '误审核' });
    expect(cmd).toMatchObject({ kind: 'reversal', reversalOf: 'e-1', operatorId: 'u-admin', refs: { attendanceId: 'a1', original: 'e-1' } });
    expect(cmd.postings).toEqual([
      { accountId: 'issuance:c1', amountMinutes: 60 },
      { accountId: 'wallet:u1', amountMinutes: -60 },
    ]);
    expect(reversalIdOf('e-1')).toBe('rev-e-1');
  });

  it('an entry is reversed at most once, a reversal is never reversed, and a missing entry cannot be', () => {
    const rev = { ...original, _id: 'rev-e-1', kind: 'reversal' as const, reversalOf: 'e-1' };
    expect(code(() => decideReversal(original, rev, { operatorId: 'u', memo: 'x' }))).toBe('LEDGER.ALREADY_REVERSED');
    expect(code(() => decideReversal(rev, null, { operatorId: 'u', memo: 'x' }))).toBe('LEDGER.ALREADY_REVERSED');
    expect(code(() => decideReversal(null, null, { operatorId: 'u', memo: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('decideIdempotency', () => {
  const hash = payloadHash('donate', 'coins', { poolCommunityId: 'c1', amountMinutes: 5 });
  it('a first request is new; the same request again replays the first result', () => {
    expect(decideIdempotency(null, hash)).toEqual({ kind: 'new' });
    const prior = { _id: 'k', payloadHash: hash, result: { entryId: 'e9' }, fn: 'donate', action: 'coins', at: now };
    expect(decideIdempotency(prior, hash)).toEqual({ kind: 'replay', result: { entryId: 'e9' } });
  });
  it('the same requestId with a different payload is REQUEST.REUSED', () => {
    const prior = { _id: 'k', payloadHash: hash, result: {}, fn: 'donate', action: 'coins', at: now };
    expect(code(() => decideIdempotency(prior, payloadHash('donate', 'coins', { poolCommunityId: 'c1', amountMinutes: 6 })))).toBe('REQUEST.REUSED');
  });
  it('the payload hash does not depend on key order', () => {
    expect(payloadHash('f', 'a', { x: 1, y: 2 })).toBe(payloadHash('f', 'a', { y: 2, x: 1 }));
  });
});
