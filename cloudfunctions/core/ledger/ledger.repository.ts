import type { Database } from '../db/app';
import { getDoc, type DbLike, type Tx } from '../db/tx';
import { DomainError } from '../errors';
import { toIso } from '../time';
import { decideEntry, decideReversal, reversalIdOf } from './ledger.deciders';
import { ENTRY_LABELS, keepsBalance, mayGoNegative, type EntryCommand, type JournalEntry, type LedgerAccount } from './ledger.model';

/**
 * The only code that writes balances (ARCHITECTURE.md: "Every write that moves value goes
 * through the ledger module"). Posting happens inside the caller's transaction: accounts
 * are read there, the decider checks them, and the new balances and the journal entry are
 * written there, so two racing spends cannot both pass the check.
 */
export const ACCOUNTS = 'ledgerAccounts';
export const JOURNAL = 'journal';

export async function postEntry(
  tx: Tx,
  cmd: EntryCommand,
  ctx: { now: Date; entryId: string; db: Database },
): Promise<JournalEntry> {
  // Reads, then writes, each sent together: a short transaction is one fewer to conflict.
  const read = await Promise.all(
    cmd.postings.map(async (p) => {
      const account = await getDoc<LedgerAccount>(tx, ACCOUNTS, p.accountId);
      if (account && p.amountMinutes < 0 && !keepsBalance(account.kind) && !mayGoNegative(account.kind)) {
        // A debit of a shared account: its balance is the sum of its postings. Credits racing
        // with us only add to it; a debit racing with us changes debitSeq, which we read above
        // inside the transaction, so one of the two debits conflicts and re-reads.
        account.balance = await postingsSum(ctx.db, account._id);
      }
      return [p.accountId, account] as const;
    }),
  );
  const accounts = new Map<string, LedgerAccount | null>(read);
  const { entry, balances, guardedDebits } = decideEntry(cmd, accounts, ctx);
  await Promise.all([
    ...[...balances].map(([accountId, balance]) => tx.collection(ACCOUNTS).doc(accountId).update({ balance, updatedAt: ctx.now })),
    ...guardedDebits.map((accountId) => tx.collection(ACCOUNTS).doc(accountId).update({ debitSeq: (accounts.get(accountId)?.debitSeq ?? 0) + 1 })),
    tx.collection(JOURNAL).add(entry),
  ]);
  return entry;
}

/** Corrects an entry with its mirror image; the deterministic id makes a second reversal impossible. */
export async function reverseEntry(
  tx: Tx,
  entryId: string,
  cmd: { operatorId: string; memo: string },
  ctx: { now: Date; db: Database },
): Promise<JournalEntry> {
  const original = await getDoc<JournalEntry>(tx, JOURNAL, entryId);
  const existing = await getDoc<JournalEntry>(tx, JOURNAL, reversalIdOf(entryId));
  const reversal = decideReversal(original, existing, cmd);
  return postEntry(tx, reversal, { ...ctx, entryId: reversalIdOf(entryId) });
}

export async function openAccount(tx: DbLike, account: Omit<LedgerAccount, 'balance'>): Promise<void> {
  const existing = await getDoc<LedgerAccount>(tx, ACCOUNTS, account._id);
  if (existing) return;
  await tx.collection(ACCOUNTS).add(keepsBalance(account.kind) ? { ...account, balance: 0 } : account);
}

export async function balanceOf(db: Database, accountId: string): Promise<number> {
  const account = await getDoc<LedgerAccount>(db, ACCOUNTS, accountId);
  if (!account) throw new DomainError('ACCOUNT.NOT_FOUND', '账户不存在');
  return keepsBalance(account.kind) ? (account.balance ?? 0) : postingsSum(db, accountId);
}

/** The sum of an account's postings: the balance of a shared account. */
export async function postingsSum(db: Database, accountId: string): Promise<number> {
  const $ = db.command.aggregate;
  const res = await db
    .collection(JOURNAL)
    .aggregate()
    .match({ 'postings.accountId': accountId })
    .unwind('$postings')
    .match({ 'postings.accountId': accountId })
    .group({ _id: null, total: $.sum('$postings.amountMinutes') })
    .end();
  return (res.data?.[0] as { total?: number } | undefined)?.total ?? 0;
}

export interface HistoryPage {
  items: Array<{ entryId: string; kind: string; label: string; amountMinutes: number; balanceAfterMinutes?: number; at: string; reversalOf?: string }>;
  nextCursor?: string;
}

const PAGE = 20;

/** Newest first; the cursor is the (time, id) of the last item shown. */
export async function historyOf(db: Database, accountId: string, cursor?: string): Promise<HistoryPage> {
  const _ = db.command;
  let where: object = { 'postings.accountId': accountId };
  if (cursor) {
    const [ms, id] = decodeCursor(cursor);
    const at = new Date(ms);
    where = _.and([where, _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(id) }])]);
  }
  const res = await db.collection(JOURNAL).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(PAGE + 1).get();
  const entries = res.data as JournalEntry[];
  const page = entries.slice(0, PAGE);
  const items = page.map((e) => {
    const p = e.postings.find((x) => x.accountId === accountId)!;
    return {
      entryId: e._id,
      kind: e.kind,
      label: e.memo ? `${ENTRY_LABELS[e.kind] ?? e.kind}：${e.memo}` : (ENTRY_LABELS[e.kind] ?? e.kind),
      amountMinutes: p.amountMinutes,
      ...(p.balanceAfter !== undefined ? { balanceAfterMinutes: p.balanceAfter } : {}),
      at: toIso(new Date(e.createdAt)),
      ...(e.reversalOf ? { reversalOf: e.reversalOf } : {}),
    };
  });
  const last = page[page.length - 1];
  return entries.length > PAGE && last ? { items, nextCursor: encodeCursor(new Date(last.createdAt).getTime(), last._id) } : { items };
}

function encodeCursor(ms: number, id: string): string {
  return Buffer.from(JSON.stringify([ms, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new DomainError('INPUT.INVALID', '翻页参数无效，请从第一页重新查看', { fields: [{ path: 'cursor', message: '无效' }] });
}
