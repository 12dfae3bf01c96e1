import { DomainError } from '../errors';
import {
  amountIn,
  amountOf,
  currencyOf,
  keepsBalance,
  mayGoNegative,
  unitOf,
  type EntryCommand,
  type JournalEntry,
  type LedgerAccount,
  type Posting,
} from './ledger.model';

/**
 * Pure ledger rules (STYLE.md "A decider is a pure function"). They see the accounts as
 * read inside the transaction that will write the result, so a check and its write are one
 * database step.
 */
export interface EntryDecision {
  entry: JournalEntry;
  /** New cached balances of the balance-keeping accounts touched. */
  balances: Map<string, number>;
  /** Shared accounts this entry spends from: their debitSeq must change in the same transaction. */
  guardedDebits: string[];
}

export function decideEntry(cmd: EntryCommand, accounts: ReadonlyMap<string, LedgerAccount | null>, ctx: { now: Date; entryId: string }): EntryDecision {
  if (cmd.postings.length < 2) throw new DomainError('LEDGER.UNBALANCED', '一笔记账至少涉及两个账户');
  const unit = unitOf(cmd.postings[0]);
  const seen = new Set<string>();
  let sum = 0;
  for (const p of cmd.postings) {
    if ((p.amountMinutes === undefined) === (p.amountFen === undefined)) throw new DomainError('LEDGER.UNBALANCED', '每个账户的金额要么是分钟，要么是分');
    const amount = amountOf(p);
    if (!Number.isSafeInteger(amount) || amount === 0) {
      throw new DomainError('LEDGER.UNBALANCED', `记账金额必须是非零的整数${unit === 'fen' ? '分' : '分钟'}`);
    }
    if (seen.has(p.accountId)) throw new DomainError('LEDGER.UNBALANCED', '同一账户在一笔记账中只能出现一次');
    seen.add(p.accountId);
    sum += amount;
  }
  if (sum !== 0) throw new DomainError('LEDGER.UNBALANCED', '借贷不平：各账户金额之和必须为 0');

  const balances = new Map<string, number>();
  const guardedDebits: string[] = [];
  const postings = cmd.postings.map((p): Posting => {
    const account = accounts.get(p.accountId);
    if (!account) throw new DomainError('ACCOUNT.NOT_FOUND', `账户不存在：${p.accountId}`);
    if (currencyOf(account.kind) !== unit) throw new DomainError('LEDGER.MIXED_CURRENCY');
    const amount = amountOf(p);
    const guarded = amount < 0 && !mayGoNegative(account.kind);
    if (guarded) {
      // The balance of a shared account is the sum of its postings, read by the caller.
      if (account.balance === undefined) throw new Error(`balance of ${p.accountId} was not read before a debit`);
      if (account.balance + amount < 0) throw overspent(account, -amount);
    }
    if (!keepsBalance(account.kind)) {
      if (guarded) guardedDebits.push(p.accountId);
      return { accountId: p.accountId, ...amountIn(unit, amount) };
    }
    const after = (account.balance ?? 0) + amount;
    balances.set(p.accountId, after);
    return { accountId: p.accountId, ...amountIn(unit, amount), balanceAfter: after };
  });

  const entry: JournalEntry = {
    _id: ctx.entryId,
    kind: cmd.kind,
    postings,
    refs: cmd.refs ?? {},
    operatorId: cmd.operatorId,
    createdAt: ctx.now,
    ...(cmd.actedForId ? { actedForId: cmd.actedForId } : {}),
    ...(cmd.memo ? { memo: cmd.memo } : {}),
    ...(cmd.reversalOf ? { reversalOf: cmd.reversalOf } : {}),
  };
  return { entry, balances, guardedDebits };
}

/** Spending more than an account holds: coins a wallet lacks, or money a project has not got (DOMAIN.md). */
function overspent(account: LedgerAccount, needed: number): DomainError {
  const balance = account.balance ?? 0;
  if (currencyOf(account.kind) === 'fen')
    return new DomainError('FUND.OVERDRAWN', undefined, { accountId: account._id, balanceFen: balance, neededFen: needed });
  return new DomainError('WALLET.INSUFFICIENT', undefined, { accountId: account._id, balanceMinutes: balance, neededMinutes: needed });
}

/** The id a reversal of `entryId` must have: one reversal per entry, enforced by the database. */
export const reversalIdOf = (entryId: string): string => `rev-${entryId}`;

/** A mistake is corrected by an entry with every posting negated, pointing at the original. */
export function decideReversal(original: JournalEntry | null, existingReversal: JournalEntry | null, cmd: { operatorId: string; memo: string }): EntryCommand {
  if (!original) throw new DomainError('NOT_FOUND', '要冲正的记录不存在');
  if (original.kind === 'reversal') throw new DomainError('LEDGER.ALREADY_REVERSED', '冲正记录本身不能再冲正');
  if (existingReversal) throw new DomainError('LEDGER.ALREADY_REVERSED');
  return {
    kind: 'reversal',
    postings: original.postings.map((p) => ({ accountId: p.accountId, ...amountIn(unitOf(p), -amountOf(p)) })),
    refs: { ...original.refs, original: original._id },
    operatorId: cmd.operatorId,
    memo: cmd.memo,
    reversalOf: original._id,
  };
}
