import type { Database } from '../db/app';
import type { Collection } from '../db/collection';
import { amountOf, currencyOf, keepsBalance, mayGoNegative, unitOf, type Currency } from './ledger.model';
import { accounts, journal, snapshots, type BalanceSnapshot } from './ledger.collections';

/**
 * The ledger invariants of DOMAIN.md, checkable at any time, for coins (minutes) and money
 * (fen) alike: every entry moves one currency and its postings sum to zero (so all postings
 * of each currency do), every posting names an existing account of its currency, every balance-keeping
 * account's balance equals the sum of its postings and is not negative, and every balance
 * snapshot of a shared account equals the sum of its postings before the snapshot's time.
 *
 * It reads each collection once, in `_id` pages (a primary-key range per page), so its
 * time grows with the journal, not with its square.
 */
export interface LedgerProblem {
  accountId?: string;
  entryId?: string;
  problem: string;
}

export interface LedgerReport {
  entries: number;
  accounts: number;
  totalMinutes: number;
  totalFen: number;
  problems: LedgerProblem[];
}

const PAGE = 1000;

async function* pages<T extends { _id: string }>(db: Database, coll: Collection<T>): AsyncGenerator<T> {
  const _ = db.command;
  let after: string | undefined;
  for (;;) {
    const where = after === undefined ? {} : { _id: _.gt(after) };
    const res = await db.collection(coll.name).where(where).orderBy('_id', 'asc').limit(PAGE).get();
    const docs = res.data as unknown[];
    for (const raw of docs) yield coll.toDomain(raw);
    if (docs.length < PAGE) return;
    after = (docs[docs.length - 1] as { _id: string })._id;
  }
}

export async function checkLedger(db: Database): Promise<LedgerReport> {
  const problems: LedgerProblem[] = [];
  const snaps = new Map<string, BalanceSnapshot>();
  for await (const s of pages(db, snapshots)) snaps.set(s._id, s);
  const sums = new Map<string, number>();
  const units = new Map<string, Currency>();
  const beforeSnapshot = new Map<string, number>();
  let entries = 0;
  const total: Record<Currency, number> = { minutes: 0, fen: 0 };
  for await (const e of pages(db, journal)) {
    entries++;
    let sum = 0;
    const unit = unitOf(e.postings[0]);
    for (const p of e.postings) {
      const amount = amountOf(p);
      if (unitOf(p) !== unit) problems.push({ entryId: e._id, problem: 'moves minutes and fen in one entry' });
      sum += amount;
      sums.set(p.accountId, (sums.get(p.accountId) ?? 0) + amount);
      if ((units.get(p.accountId) ?? unitOf(p)) !== unitOf(p))
        problems.push({ accountId: p.accountId, entryId: e._id, problem: 'postings in minutes and in fen' });
      units.set(p.accountId, unitOf(p));
      const snap = snaps.get(p.accountId);
      if (snap && e.createdAt.getTime() < snap.through.getTime()) beforeSnapshot.set(p.accountId, (beforeSnapshot.get(p.accountId) ?? 0) + amount);
    }
    total[unit] += sum;
    if (sum !== 0) problems.push({ entryId: e._id, problem: `postings sum to ${sum}, not 0` });
  }
  let accountCount = 0;
  const known = new Set<string>();
  for await (const a of pages(db, accounts)) {
    accountCount++;
    known.add(a._id);
    const unit = units.get(a._id);
    if (unit && unit !== currencyOf(a.kind))
      problems.push({ accountId: a._id, problem: `a ${a.kind} account holds ${currencyOf(a.kind)} but has postings in ${unit}` });
    const posted = sums.get(a._id) ?? 0;
    if (!keepsBalance(a.kind)) {
      // Shared accounts: their balance is the sum of their postings; only issuance may be negative.
      if (posted < 0 && !mayGoNegative(a.kind)) problems.push({ accountId: a._id, problem: `postings sum to ${posted}, below zero` });
      continue;
    }
    if ((a.balance ?? 0) !== posted) problems.push({ accountId: a._id, problem: `balance ${a.balance ?? 0} but its postings sum to ${posted}` });
    if ((a.balance ?? 0) < 0) problems.push({ accountId: a._id, problem: `negative balance ${a.balance}` });
  }
  for (const accountId of sums.keys()) {
    if (!known.has(accountId)) problems.push({ accountId, problem: 'postings name an account that does not exist' });
  }
  for (const s of snaps.values()) {
    const expected = beforeSnapshot.get(s._id) ?? 0;
    if (s.balance !== expected)
      problems.push({ accountId: s._id, problem: `balance snapshot ${s.balance} but its postings before ${s.through.toISOString()} sum to ${expected}` });
  }
  for (const unit of ['minutes', 'fen'] as const) if (total[unit] !== 0) problems.push({ problem: `all postings in ${unit} sum to ${total[unit]}, not 0` });
  return { entries, accounts: accountCount, totalMinutes: total.minutes, totalFen: total.fen, problems };
}
