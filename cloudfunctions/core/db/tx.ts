import { DomainError } from '../errors';
import type { Database } from './app';

/**
 * A node-sdk database or an open transaction: both have collection().doc() and add().
 * Where they differ (doc().get() answers an array outside a transaction and a single
 * document inside one), use `getDoc`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DbLike = { collection(name: string): any };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = { collection(name: string): any };

export type Doc = Record<string, unknown> & { _id: string };

export async function getDoc<T = Doc>(db: DbLike, collection: string, id: string): Promise<T | null> {
  const res = await db.collection(collection).doc(id).get();
  const data = res.data;
  if (Array.isArray(data)) return (data[0] as T) ?? null;
  return (data as T) ?? null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const isConflict = (e: unknown): boolean => (e as { code?: string })?.code === 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Runs `work` in a database transaction, retrying on write conflicts with growing, jittered
 * back-off for up to `budgetMs`. Conflicts are how the database settles races
 * (ARCHITECTURE.md "Scale"); a rule that refuses (a DomainError) is never retried. When the
 * budget is spent the caller gets REQUEST.BUSY and may retry with the same requestId.
 */
export async function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>, budgetMs = 20_000): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      // times = 0: node-sdk rolls back and rethrows; the retry policy is ours.
      return (await db.runTransaction(work as never, 0)) as T;
    } catch (e) {
      if (e instanceof DomainError || !isConflict(e)) throw e;
      if (Date.now() >= deadline) throw new DomainError('REQUEST.BUSY');
      // Full jitter, growing to 2 s: under heavy contention on one document the losers spread
      // out instead of crowding the database with work that will conflict again.
      await sleep(Math.random() * Math.min(2000, 10 * 2 ** Math.min(attempt, 8)));
    }
  }
}
