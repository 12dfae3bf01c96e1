import { z } from 'zod';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import { inTransaction, type Budget, type Tx } from '../db/tx';
import type { Deps } from '../runtime';
import { decideIdempotency, payloadHash, requestKey, type IdempotencyDecision, type RequestRecord } from './idempotency';

export const requests = defineCollection<RequestRecord>(
  'requests',
  z.object({ _id: z.string(), payloadHash: z.string(), result: z.unknown(), fn: z.string(), action: z.string(), at: DateField }) as z.ZodType<RequestRecord>,
);
export const REQUESTS = requests.name;

export interface RequestKey {
  actor: string;
  requestId: string;
  fn: string;
  action: string;
  input: unknown;
}

/** What an earlier try of this request says, read before doing anything (REQUEST.REUSED when its payload differs). */
export async function priorRequest(db: Database, key: RequestKey): Promise<IdempotencyDecision> {
  return decideIdempotency(await requests.get(db, requestKey(key.actor, key.requestId)), payloadHash(key.fn, key.action, key.input));
}

const record = (deps: Deps, key: RequestKey, result: unknown): RequestRecord => ({
  _id: requestKey(key.actor, key.requestId),
  payloadHash: payloadHash(key.fn, key.action, key.input),
  result,
  fn: key.fn,
  action: key.action,
  at: deps.clock.now(),
});

/**
 * Runs a write action exactly once per (caller, requestId): the request record is written
 * in the same transaction as the action's effects, so a retry either replays the first
 * result or, if the first try never committed, does the work for the first time.
 * Refusals (DomainErrors) are not recorded: nothing happened, so a retry is judged afresh.
 */
export async function runIdempotent<T>(deps: Deps, key: RequestKey, budget: Budget, work: (tx: Tx) => Promise<T>): Promise<T> {
  const hash = payloadHash(key.fn, key.action, key.input);
  return inTransaction(
    deps.db,
    async (tx) => {
      const decision = decideIdempotency(await requests.get(tx, requestKey(key.actor, key.requestId)), hash);
      if (decision.kind === 'replay') return decision.result as T;
      const result = await work(tx);
      await requests.add(tx, record(deps, key, result));
      return result;
    },
    budget,
  );
}

/**
 * Records what a batch did, after it did it (each of its items is idempotent by itself).
 * Two racing tries of one batch: the second to record answers with the first's result.
 */
export async function recordRequest<T>(deps: Deps, key: RequestKey, result: T, budget: Budget): Promise<T> {
  return inTransaction(
    deps.db,
    async (tx) => {
      const decision = decideIdempotency(await requests.get(tx, requestKey(key.actor, key.requestId)), payloadHash(key.fn, key.action, key.input));
      if (decision.kind === 'replay') return decision.result as T;
      await requests.add(tx, record(deps, key, result));
      return result;
    },
    budget,
  );
}
