import type { Database } from '../db/app';
import { keepsBalance, mayGoNegative, type JournalEntry, type LedgerAccount } from './ledger.model';
import { ACCOUNTS, JOURNAL } from './ledger.repository';

/**
 * The ledger invariants of DOMAIN.md, checkable at any time: every entry's postings sum to
 * zero (so all postings do), every posting names an existing account, and every
 * balance-keeping account's balance equals the sum of its postings and is not negative.
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
  problems: LedgerProblem[];
}

const PAGE = 1000;

async function* pages<T>(db: Database, collection: string): AsyncGenerator<T> {
  const _ = db.command;
  let after: string | undefined;
  for (;;) {
    const where = after === undefined ? {} : { _id: _.gt(after) };
    const res = await db.collection(collection).where(where).orderBy('_id', 'asc').limit(PAGE).get();
    const docs = res.data as Array<T & { _id: string }>;
    for (const d of docs) yield d as Awaited<T>;
    if (docs.length < PAGE) return;
    after = docs[docs.length - 1]._id;
  }
}

export async function checkLedger(db: Database): Promise<LedgerReport> {
  const problems: LedgerProblem[] = [];
  const sums = new Map<string, number>();
  let entries = 0;
  let totalMinutes = 0;
  for await (const e of pages<JournalEntry>(db, JOURNAL)) {
    entries++;
    let sum = 0;
    for (const p of e.postings) {
      sum += p.amountMinutes;
      sums.set(p.accountId, (sums.get(p.accountId) ?? 0) + p.amountMinutes);
    }
    totalMinutes += sum;
    if (sum !== 0) problems.push({ entryId: e._id, problem: `postings sum to ${sum}, not 0` });
  }
  let accounts = 0;
  const known = new Set<string>();
  for await (const a of pages<LedgerAccount>(db, ACCOUNTS)) {
    accounts++;
    known.add(a._id);
    const posted = sums.get(a._id) ?? 0;
    if (!keepsBalance(a.kind)) {
      // Shared accounts: their balance is the sum of their postings; only issuance may be negative.
      if (posted < 0 && !mayGoNegative(a.kind)) problems.push({ accountId: a._id, problem: `postings sum to ${posted}, below zero` });
      continue;
    }
    if ((a.balance ?? 0) !== posted) {
      problems.push({ accountId: a._id, problem: `balance ${a.balance ?? 0} but its postings sum to ${posted}` });
    }
    if ((a.balance ?? 0) < 0) problems.push({ accountId: a._id, problem: `negative balance ${a.balance}` });
  }
  for (const accountId of sums.keys()) {
    if (!known.has(accountId)) problems.push({ accountId, problem: 'postings name an account that does not exist' });
  }
  if (totalMinutes !== 0) problems.push({ problem: `all postings sum to ${totalMinutes}, not 0` });
  return { entries, accounts, totalMinutes, problems };
}
