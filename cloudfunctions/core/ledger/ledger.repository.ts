import type { Database } from '../db/app';
import { pageOf, type CursorCodec, type Page } from '../db/paging';
import type { DbLike, Tx } from '../db/tx';
import { DomainError } from '../errors';
import { toIso } from '../time';
import { decideEntry, decideReversal, reversalIdOf } from './ledger.deciders';
import { accounts, journal, snapshots, type BalanceSnapshot } from './ledger.collections';
import { amountOf, ENTRY_LABELS, keepsBalance, mayGoNegative, type EntryCommand, type EntryKind, type JournalEntry, type LedgerAccount } from './ledger.model';

/**
 * The only code that writes balances (ARCHITECTURE.md: "Every write that moves value goes
 * through the ledger module"). Posting happens inside the caller's transaction: accounts
 * are read there, the decider checks them, and the new balances and the journal entry are
 * written there, one call after another, so two racing spends cannot both pass the check.
 */

export async function postEntry(tx: Tx, cmd: EntryCommand, ctx: { now: Date; entryId: string; db: Database }): Promise<JournalEntry> {
  const read = new Map<string, LedgerAccount | null>();
  for (const p of cmd.postings) {
    const account = await accounts.get(tx, p.accountId);
    if (account && amountOf(p) < 0 && !keepsBalance(account.kind) && !mayGoNegative(account.kind)) {
      // A debit of a shared account. Its balance comes from committed data, read outside
      // the transaction; credits racing with us only add to it, and a debit racing with us
      // changes debitSeq, which we read above inside the transaction and write below, so
      // one of the two conflicts and runs again.
      account.balance = await sharedBalance(ctx.db, account._id, ctx.now);
    }
    read.set(p.accountId, account);
  }
  const { entry, balances, guardedDebits } = decideEntry(cmd, read, ctx);
  for (const [accountId, balance] of balances) await accounts.patch(tx, accountId, { balance });
  for (const accountId of guardedDebits) await accounts.patch(tx, accountId, { debitSeq: (read.get(accountId)?.debitSeq ?? 0) + 1 });
  await journal.add(tx, entry);
  return entry;
}

/** Corrects an entry with its mirror image; the deterministic id makes a second reversal impossible. */
export async function reverseEntry(
  tx: Tx,
  entryId: string,
  cmd: { operatorId: string; memo: string },
  ctx: { now: Date; db: Database },
): Promise<JournalEntry> {
  const original = await journal.get(tx, entryId);
  const existing = await journal.get(tx, reversalIdOf(entryId));
  const reversal = decideReversal(original, existing, cmd);
  return postEntry(tx, reversal, { ...ctx, entryId: reversalIdOf(entryId) });
}

export async function openAccount(db: DbLike, account: Omit<LedgerAccount, 'balance'>): Promise<void> {
  if (await accounts.get(db, account._id)) return;
  await accounts.add(db, keepsBalance(account.kind) ? { ...account, balance: 0 } : account);
}

// ------------------------------------------------------------------ balances of shared accounts

/**
 * A transaction lives at most 30 s on CloudBase, and an entry's time is taken inside its
 * transaction; so once two minutes have passed, no entry with an earlier time can still be
 * committed. A snapshot may therefore cover everything up to two minutes ago.
 */
export const SETTLED_AFTER_MS = 2 * 60_000;
/** A snapshot older than this is moved forward when the balance is next read. */
export const SNAPSHOT_REFRESH_MS = 60 * 60_000;

/**
 * Postings of accounts in a time range, summed per account (the journal index serves it).
 * An account holds one currency, so of its two sums one is always zero (`$sum` skips a
 * missing field).
 */
async function postingSums(db: Database, accountIds: string[], from: Date, to?: Date): Promise<Map<string, number>> {
  const _ = db.command;
  const $ = _.aggregate;
  const match = {
    'postings.accountId': accountIds.length === 1 ? accountIds[0] : _.in(accountIds),
    createdAt: to ? _.gte(from).and(_.lt(to)) : _.gte(from),
  };
  const res = await db
    .collection(journal.name)
    .aggregate()
    .match(match)
    .unwind('$postings')
    .match({ 'postings.accountId': _.in(accountIds) })
    .group({ _id: '$postings.accountId', minutes: $.sum('$postings.amountMinutes'), fen: $.sum('$postings.amountFen') })
    .limit(accountIds.length)
    .end();
  return new Map((res.data as Array<{ _id: string; minutes: number; fen: number }>).map((r) => [r._id, (r.minutes ?? 0) + (r.fen ?? 0)]));
}

/** Moves a stale snapshot forward (a conditional write: racing refreshers agree on the value, one wins). */
async function refreshed(db: Database, accountId: string, snap: BalanceSnapshot | null, now: Date): Promise<BalanceSnapshot> {
  const through = new Date(now.getTime() - SETTLED_AFTER_MS);
  const from = snap?.through ?? new Date(0);
  if (from.getTime() >= through.getTime() - SNAPSHOT_REFRESH_MS) return snap ?? { _id: accountId, balance: 0, through: from };
  const added = (await postingSums(db, [accountId], from, through)).get(accountId) ?? 0;
  const next: BalanceSnapshot = { _id: accountId, balance: (snap?.balance ?? 0) + added, through };
  try {
    if (snap) await db.collection(snapshots.name).where({ _id: accountId, through: snap.through }).update({ balance: next.balance, through });
    else await snapshots.add(db, next);
  } catch (e) {
    // Another reader wrote the same snapshot first.
    if ((e as { code?: string }).code !== 'DATABASE_DUPLICATE_WRITE') throw e;
  }
  return next;
}

/**
 * Balances of shared accounts: their snapshot plus what was posted since, so a balance costs
 * the recent postings, never the account's whole history.
 */
export async function sharedBalances(db: Database, accountIds: string[], now: Date): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const snaps = await snapshots.getMany(db, accountIds);
  const out = new Map<string, number>();
  const byThrough = new Map<number, string[]>();
  for (const id of accountIds) {
    const snap = await refreshed(db, id, snaps.get(id) ?? null, now);
    out.set(id, snap.balance);
    const t = snap.through.getTime();
    byThrough.set(t, [...(byThrough.get(t) ?? []), id]);
  }
  for (const [through, ids] of byThrough) {
    for (const [id, sum] of await postingSums(db, ids, new Date(through))) out.set(id, (out.get(id) ?? 0) + sum);
  }
  return out;
}

export const sharedBalance = async (db: Database, accountId: string, now: Date): Promise<number> =>
  (await sharedBalances(db, [accountId], now)).get(accountId) ?? 0;

/** A balance-keeping account's balance as this transaction sees it (0 before it is opened). */
export async function keptBalance(tx: DbLike, accountId: string): Promise<number> {
  const account = await accounts.get(tx, accountId);
  if (account && !keepsBalance(account.kind)) throw new Error(`${accountId} keeps no balance`);
  return account?.balance ?? 0;
}

export async function balanceOf(db: Database, accountId: string, now: Date): Promise<number> {
  const account = await accounts.get(db, accountId);
  if (!account) throw new DomainError('ACCOUNT.NOT_FOUND', '账户不存在');
  return keepsBalance(account.kind) ? (account.balance ?? 0) : sharedBalance(db, accountId, now);
}

// ------------------------------------------------------------------ history

export interface HistoryItem {
  entryId: string;
  kind: string;
  label: string;
  amountMinutes: number;
  balanceAfterMinutes?: number;
  at: string;
  reversalOf?: string;
}

/** An account's entries, newest first, a page at a time. */
export async function historyOf(db: Database, codec: CursorCodec, accountId: string, cursor?: string): Promise<Page<HistoryItem>> {
  const page = await pageOf(db, journal, codec, {
    where: { 'postings.accountId': accountId },
    field: 'createdAt',
    dir: 'desc',
    valueOf: (e) => e.createdAt,
    cursor,
    scope: `history:${accountId}`,
  });
  return {
    ...page,
    items: page.items.map((e) => {
      const p = e.postings.find((x) => x.accountId === accountId)!;
      const label = ENTRY_LABELS[e.kind] ?? e.kind;
      return {
        entryId: e._id,
        kind: e.kind,
        label: e.memo ? `${label}：${e.memo}` : label,
        amountMinutes: amountOf(p),
        ...(p.balanceAfter !== undefined ? { balanceAfterMinutes: p.balanceAfter } : {}),
        at: toIso(e.createdAt),
        ...(e.reversalOf ? { reversalOf: e.reversalOf } : {}),
      };
    }),
  };
}

/** How many entries of a kind an account had in a period, and what they moved into it (a day's takings). */
export async function periodTotals(db: Database, accountId: string, kind: EntryKind, from: Date, to: Date): Promise<{ count: number; totalMinutes: number }> {
  const _ = db.command;
  const $ = _.aggregate;
  const res = await db
    .collection(journal.name)
    .aggregate()
    .match({ 'postings.accountId': accountId, createdAt: _.gte(from).and(_.lte(to)), kind })
    .unwind('$postings')
    .match({ 'postings.accountId': accountId })
    .group({ _id: null, count: $.sum(1), total: $.sum('$postings.amountMinutes') })
    .end();
  const row = res.data[0] as { count: number; total: number } | undefined;
  return { count: row?.count ?? 0, totalMinutes: row?.total ?? 0 };
}

/** What postings of an account sum to in `[from, to)`, leaving out entries of `exceptKind`. */
export async function periodSum(db: Database, accountId: string, from: Date, to: Date, exceptKind: EntryKind): Promise<number> {
  const _ = db.command;
  const $ = _.aggregate;
  const res = await db
    .collection(journal.name)
    .aggregate()
    .match({ 'postings.accountId': accountId, createdAt: _.gte(from).and(_.lt(to)), kind: _.neq(exceptKind) })
    .unwind('$postings')
    .match({ 'postings.accountId': accountId })
    .group({ _id: null, total: $.sum('$postings.amountMinutes') })
    .end();
  return (res.data[0] as { total: number } | undefined)?.total ?? 0;
}
