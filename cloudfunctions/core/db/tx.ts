import { DomainError } from '../errors';
import type { Database } from './app';

/**
 * What core may do inside a CloudBase transaction: single-document operations, one at a
 * time (ARCHITECTURE.md "What real CloudBase allows"). The types leave out `where()` on
 * purpose, so a query inside a transaction does not compile.
 */
export interface TxDocRef {
  get(): Promise<{ data: unknown }>;
  set(data: object): Promise<{ updated?: number }>;
  update(data: object): Promise<{ updated?: number }>;
  remove(): Promise<{ deleted?: number }>;
}
export interface TxCollection {
  doc(id: string): TxDocRef;
  add(data: object): Promise<{ id?: string | number }>;
}
export interface Tx {
  collection(name: string): TxCollection;
}

/** Where one document can be read or written: an open transaction, or the database itself. */
export type DbLike = Tx | Database;

export type Doc = Record<string, unknown> & { _id: string };

/** One document by id; `doc().get()` answers an array outside a transaction and the document inside one. */
export async function getDoc<T = Doc>(db: DbLike, collection: string, id: string): Promise<T | null> {
  const res = await db.collection(collection).doc(id).get();
  const data = res.data;
  if (Array.isArray(data)) return (data[0] as T) ?? null;
  return (data as T) ?? null;
}

type CommitHook = () => Promise<void>;
const commitHooks = new WeakMap<object, CommitHook[]>();

/**
 * Runs `hook` once the transaction `tx` has committed (never if it does not), or at once when
 * `tx` is the database itself. For effects outside the database that must follow a write and
 * must never undo it: a WeChat subscribe message is sent only for a request that happened,
 * and its failure is logged, not thrown.
 */
export async function onCommit(tx: DbLike, hook: CommitHook): Promise<void> {
  const hooks = commitHooks.get(tx);
  if (hooks) hooks.push(hook);
  else await runHook(hook);
}

async function runHook(hook: CommitHook): Promise<void> {
  try {
    await hook();
  } catch (e) {
    console.error('[after commit] failed (the write itself stands)', e);
  }
}

/**
 * How long a function may keep retrying before it answers REQUEST.BUSY: 6 s of the 10 s
 * every function has (cloudbaserc.json), leaving room for the work itself and the answer.
 * Lease waits and transaction retries of one request draw on the same deadline.
 */
export const RETRY_BUDGET_MS = 6_000;

export class Budget {
  readonly deadline: number;
  constructor(ms = RETRY_BUDGET_MS, now = Date.now()) {
    this.deadline = now + ms;
  }
  get spent(): boolean {
    return Date.now() >= this.deadline;
  }
  get leftMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Errors after which the whole transaction is worth running again: a write conflict, the
 * transaction being busy (two operations in flight), or gone (it outlived its 30 s, or
 * CloudBase aborted it after a conflict). CloudBase's messages name them
 * (`[ResourceUnavailable.TransactionBusy]`, `…TransactionNotExist]`).
 */
export function isRetryable(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return err?.code === 'DATABASE_TRANSACTION_FAIL' && /TransactionBusy|TransactionNotExist/.test(err.message ?? '');
}

/**
 * Runs `work` in a database transaction, retrying what `isRetryable` names with growing,
 * jittered back-off until the budget is spent; then REQUEST.BUSY (the client retries with
 * the same requestId, and nothing was written). A rule that refuses (a DomainError) is
 * never retried. Inside `work`, await every call in turn: CloudBase serves one operation
 * of a transaction at a time.
 */
export async function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>, budget: Budget = new Budget()): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let hooks: CommitHook[] = [];
    try {
      // times = 0: node-sdk rolls back and rethrows; the retry policy is ours.
      const result = (await db.runTransaction(
        (async (tx: Tx) => {
          hooks = [];
          commitHooks.set(tx, hooks);
          return work(tx);
        }) as never,
        0,
      )) as T;
      // Only the attempt that committed runs its hooks; a failed attempt's are dropped with it.
      for (const hook of hooks) await runHook(hook);
      return result;
    } catch (e) {
      if (e instanceof DomainError || !isRetryable(e)) throw e;
      if (budget.spent) throw new DomainError('REQUEST.BUSY');
      // Full jitter, growing to 500 ms: the losers of a race spread out instead of
      // crowding the database with work that conflicts again.
      await sleep(Math.min(budget.leftMs, Math.random() * Math.min(500, 10 * 2 ** attempt)));
    }
  }
}
