import { randomBytes } from 'node:crypto';
import { DomainError } from '../errors';
import type { Clock } from '../runtime';
import type { Database } from './app';
import type { Budget } from './tx';

/**
 * Hot documents without livelock (issue: 200 confirms racing on one wallet). A transaction
 * on a document everybody writes at once conflicts for all but one racer, and the losers
 * retry whole transactions until the budget runs out. Instead, work that writes a hot
 * document (a wallet being spent from, an offer's stock, an activity's sign-up count) first
 * takes a short lease on it — one conditional update on a `leases` document, which the
 * database settles atomically — and runs its transaction only while holding it. Racers
 * queue on the lease (polling with back-off) and each runs its transaction once; between
 * polls they re-check whether waiting is still worth it (the wallet may be spent already),
 * so a crowd of losers is refused at once instead of at the end of the queue.
 *
 * Correctness never rests on the lease: the transaction still checks and writes in one
 * step, so a lease that expires under a slow holder, or two holders after a clock jump,
 * cost a retry, not a double spend. A holder that dies leaves a lease that expires by itself.
 */
export const LEASES = 'leases';
export const LEASE_MS = 7_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface LeaseDeps {
  db: Database;
  clock: Clock;
}

async function tryTake(deps: LeaseDeps, key: string, holder: string, exists: Set<string>): Promise<boolean> {
  const _ = deps.db.command;
  const now = deps.clock.now().getTime();
  const taken = await deps.db.collection(LEASES).where({ _id: key, until: _.lt(now) }).update({ holder, until: now + LEASE_MS });
  if (taken.updated === 1) return true;
  if (exists.has(key)) return false;
  try {
    await deps.db.collection(LEASES).add({ _id: key, holder, until: now + LEASE_MS });
    return true;
  } catch (e) {
    if ((e as { code?: string }).code !== 'DATABASE_DUPLICATE_WRITE') throw e;
    exists.add(key);
    return false;
  }
}

async function release(deps: LeaseDeps, key: string, holder: string): Promise<void> {
  try {
    await deps.db.collection(LEASES).where({ _id: key, holder }).update({ until: 0 });
  } catch {
    // It expires by itself.
  }
}

/**
 * Runs `fn` holding a lease on every key (taken in a fixed order, so two callers never wait
 * for each other). `stillWorthIt` runs between polls and may refuse (throw a DomainError).
 */
export async function withLeases<T>(deps: LeaseDeps, keys: string[], budget: Budget, fn: () => Promise<T>, stillWorthIt?: () => Promise<void>): Promise<T> {
  const holder = randomBytes(9).toString('base64url');
  const held: string[] = [];
  const exists = new Set<string>();
  try {
    for (const key of [...new Set(keys)].sort()) {
      for (let attempt = 0; !(await tryTake(deps, key, holder, exists)); attempt++) {
        if (stillWorthIt) await stillWorthIt();
        if (budget.spent) throw new DomainError('REQUEST.BUSY');
        await sleep(Math.min(budget.leftMs, 4 + Math.random() * Math.min(100, 5 * 1.6 ** attempt)));
      }
      held.push(key);
    }
    return await fn();
  } finally {
    for (const key of held) await release(deps, key, holder);
  }
}
