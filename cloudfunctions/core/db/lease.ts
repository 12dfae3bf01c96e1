import { DomainError } from '../errors';
import type { Clock } from '../runtime';
import type { Database } from './app';
import type { Budget } from './tx';

/**
 * Hot documents without livelock (issue: 200 confirms racing on one wallet ended with 160
 * REQUEST.BUSY). A transaction on a document everybody writes at once conflicts for all
 * but one racer, and the losers retry whole transactions until their budget runs out.
 *
 * Instead, work that writes a hot document (a wallet being spent from, an offer's stock, an
 * activity's sign-up count) first takes a ticket for it — one atomic increment on a
 * `leases` document, so the database settles the order — and waits until its ticket is
 * served, sleeping in proportion to how many are ahead of it (a queue, not a crowd polling
 * the database). At its turn it checks whether going on is still worth it (a spent wallet
 * refuses at once), runs its transaction once, and hands the turn on.
 *
 * Correctness never rests on the queue: the transaction still checks and writes in one
 * step, so a turn handed on too early costs a retry, never a double spend. A holder that
 * dies is skipped once its turn has lasted LEASE_MS; a waiter that gives up (budget spent,
 * refused) marks its ticket skipped so nobody waits for it.
 */
export const LEASES = 'leases';
export const LEASE_MS = 7_000;
/** A guess of one turn's length, to sleep about as long as the queue ahead needs (at most a second). */
const TURN_MS = 10;
const MAX_NAP_MS = 1_000;

interface Lease {
  _id: string;
  /** The next ticket to give out. */
  next: number;
  /** The ticket whose turn it is. */
  serving: number;
  /** When that turn began (on the caller's clock). */
  since: number;
  /** Tickets given up by their holders. */
  skipped: number[];
  /** When a turn last ended in a refusal (the wallet is spent, the places are gone). */
  refusedAt?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface LeaseDeps {
  db: Database;
  clock: Clock;
}

async function ticket(deps: LeaseDeps, key: string): Promise<{ mine: number; lease: Lease }> {
  const _ = deps.db.command;
  for (;;) {
    const r = await deps.db
      .collection(LEASES)
      .where({ _id: key })
      .updateAndReturn({ next: _.inc(1) });
    if (r.doc) return { mine: (r.doc as Lease).next - 1, lease: r.doc as Lease };
    try {
      await deps.db.collection(LEASES).add({ _id: key, next: 0, serving: 0, since: deps.clock.now().getTime(), skipped: [] });
    } catch (e) {
      if ((e as { code?: string }).code !== 'DATABASE_DUPLICATE_WRITE') throw e;
    }
  }
}

async function read(deps: LeaseDeps, key: string): Promise<Lease> {
  const res = await deps.db.collection(LEASES).doc(key).get();
  return (res.data as Lease[])[0];
}

/** Moves the turn from `from` to the next ticket, unless someone already did; says so when the turn ended in a refusal. */
async function handOn(deps: LeaseDeps, key: string, from: number, refused = false): Promise<void> {
  const _ = deps.db.command;
  const now = deps.clock.now().getTime();
  await deps.db
    .collection(LEASES)
    .where({ _id: key, serving: from })
    .update({ serving: from + 1, since: now, skipped: _.pull(_.lte(from)), ...(refused ? { refusedAt: now } : {}) });
}

async function giveUp(deps: LeaseDeps, key: string, mine: number): Promise<void> {
  const _ = deps.db.command;
  const done = await deps.db
    .collection(LEASES)
    .where({ _id: key, serving: mine })
    .update({ serving: mine + 1, since: deps.clock.now().getTime() });
  if (!done.updated)
    await deps.db
      .collection(LEASES)
      .where({ _id: key })
      .update({ skipped: _.push(mine) });
}

/**
 * Waits for the turn of ticket `mine`, handing on turns that were given up or whose holder
 * is gone. When a turn ahead ended in a refusal, this caller checks at once whether it would
 * be refused too, so a crowd behind a spent wallet leaves together instead of one by one.
 */
async function waitTurn(deps: LeaseDeps, key: string, mine: number, lease: Lease, budget: Budget, stillWorthIt?: () => Promise<void>): Promise<boolean> {
  let checkedAt = deps.clock.now().getTime();
  for (let waited = false; ; waited = true) {
    if (stillWorthIt && (lease.refusedAt ?? 0) > checkedAt) {
      checkedAt = deps.clock.now().getTime();
      await stillWorthIt();
    }
    // Handed on past us (we were taken for gone) counts as our turn: the transaction still decides.
    if (lease.serving >= mine) return waited;
    const stale = deps.clock.now().getTime() - lease.since > LEASE_MS;
    if (stale || lease.skipped.includes(lease.serving)) {
      await handOn(deps, key, lease.serving);
    } else {
      if (budget.leftMs <= 0) throw new DomainError('REQUEST.BUSY');
      const ahead = mine - lease.serving;
      await sleep(Math.min(budget.leftMs, Math.max(3, Math.min(MAX_NAP_MS, ahead * TURN_MS)) * (0.75 + Math.random() / 2)));
    }
    lease = await read(deps, key);
  }
}

/**
 * Runs `fn` at its turn on every key (taken in a fixed order, so two callers never wait for
 * each other). The caller checks `stillWorthIt` before queueing; it runs again when the turn
 * came after a wait (and whenever a turn ahead was refused), and may refuse (throw a
 * DomainError): a crowd of racers for a spent wallet leaves at the speed of a read.
 */
export async function withLeases<T>(deps: LeaseDeps, keys: string[], budget: Budget, fn: () => Promise<T>, stillWorthIt?: () => Promise<void>): Promise<T> {
  const held: Array<{ key: string; mine: number; turn: boolean }> = [];
  let refused = false;
  let waited = false;
  try {
    for (const key of [...new Set(keys)].sort()) {
      const { mine, lease } = await ticket(deps, key);
      const entry = { key, mine, turn: false };
      held.push(entry);
      if (await waitTurn(deps, key, mine, lease, budget, stillWorthIt)) waited = true;
      entry.turn = true;
    }
    // The caller checked just before queueing; after a wait, things may have changed.
    if (stillWorthIt && waited) await stillWorthIt();
    return await fn();
  } catch (e) {
    refused = e instanceof DomainError && e.code !== 'REQUEST.BUSY';
    throw e;
  } finally {
    for (const h of held) {
      try {
        await (h.turn ? handOn(deps, h.key, h.mine, refused) : giveUp(deps, h.key, h.mine));
      } catch {
        // A turn not handed on is taken over after LEASE_MS.
      }
    }
  }
}
