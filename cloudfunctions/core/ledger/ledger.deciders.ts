import { DomainError } from '../errors';
import { keepsBalance, mayGoNegative, type EntryCommand, type JournalEntry, type LedgerAccount } from './ledger.model';

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
  const seen = new Set<string>();
  let sum = 0;
  for (const p of cmd.postings) {
    if (!Number.isSafeInteger(p.amountMinutes) || p.amountMinutes === 0) {
      throw new DomainError('LEDGER.UNBALANCED', '记账金额必须是非零的整数分钟');
    }
    if (seen.has(p.accountId)) throw new DomainError('LEDGER.UNBALANCED', '同一账户在一笔记账中只能出现一次');
    seen.add(p.accountId);
    sum += p.amountMinutes;
  }
  if (sum !== 0) throw new DomainError('LEDGER.UNBALANCED', '借贷不平：各账户金额之和必须为 0');

  const balances = new Map<string, number>();
  const guardedDebits: string[] = [];
  const postings = cmd.postings.map((p) => {
    const account = accounts.get(p.accountId);
    if (!account) throw new DomainError('ACCOUNT.NOT_FOUND', `账户不存在：${p.accountId}`);
    const guarded = p.amountMinutes < 0 && !mayGoNegative(account.kind);
    if (guarded) {
      // The balance of a shared account is the sum of its postings, read by the caller.
      if (account.balance === undefined) throw new Error(`balance of ${p.accountId} was not read before a debit`);
      if (account.balance + p.amountMinutes < 0) {
        throw new DomainError('WALLET.INSUFFICIENT', undefined, {
          accountId: p.accountId,
          balanceMinutes: account.balance,
          neededMinutes: -p.amountMinutes,
        });
      }
    }
    if (!keepsBalance(account.kind)) {
      if (guarded) guardedDebits.push(p.accountId);
      return { accountId: p.accountId, amountMinutes: p.amountMinutes };
    }
    const after = (account.balance ?? 0) + p.amountMinutes;
    balances.set(p.accountId, after);
    return { accountId: p.accountId, amountMinutes: p.amountMinutes, balanceAfter: after };
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

/** The id a reversal of `entryId` must have: one reversal per entry, enforced by the database. */
export const reversalIdOf = (entryId: string): string => `rev-${entryId}`;

/** A mistake is corrected by an entry with every posting negated, pointing at the original. */
export function decideReversal(original: JournalEntry | null, existingReversal: JournalEntry | null, cmd: { operatorId: string; memo: string }): EntryCommand {
  if (!original) throw new DomainError('NOT_FOUND', '要冲正的记录不存在');
  if (original.kind === 'reversal') throw new DomainError('LEDGER.ALREADY_REVERSED', '冲正记录本身不能再冲正');
  if (existingReversal) throw new DomainError('LEDGER.ALREADY_REVERSED');
  return {
    kind: 'reversal',
    postings: original.postings.map((p) => ({ accountId: p.accountId, amountMinutes: -p.amountMinutes })),
    refs: { ...original.refs, original: original._id },
    operatorId: cmd.operatorId,
    memo: cmd.memo,
    reversalOf: original._id,
  };
}
