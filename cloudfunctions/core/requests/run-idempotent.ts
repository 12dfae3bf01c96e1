import { getDoc, inTransaction, type Tx } from '../db/tx';
import type { Deps } from '../runtime';
import { decideIdempotency, payloadHash, requestKey, type RequestRecord } from './idempotency';

export const REQUESTS = 'requests';

/**
 * Runs a write action exactly once per (caller, requestId): the request record is written
 * in the same transaction as the action's effects, so a retry either replays the first
 * result or, if the first try never committed, does the work for the first time.
 * Refusals (DomainErrors) are not recorded: nothing happened, so a retry is judged afresh.
 */
export async function runIdempotent<T>(
  deps: Deps,
  key: { actor: string; requestId: string; fn: string; action: string; input: unknown },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const id = requestKey(key.actor, key.requestId);
  const hash = payloadHash(key.fn, key.action, key.input);
  return inTransaction(deps.db, async (tx) => {
    const decision = decideIdempotency(await getDoc<RequestRecord>(tx, REQUESTS, id), hash);
    if (decision.kind === 'replay') return decision.result as T;
    const result = await work(tx);
    const record: RequestRecord = { _id: id, payloadHash: hash, result, fn: key.fn, action: key.action, at: deps.clock.now() };
    await tx.collection(REQUESTS).add(record);
    return result;
  });
}
