import type { DbLike } from '../db/tx';
import type { Deps } from '../runtime';
import { proxyActs } from './identity.repository';

/**
 * Records an act done for someone else (DOMAIN.md "Every act through a proxy records both
 * people"), in the transaction of the act itself, so the elder's list (account.proxyLog) has
 * every act that happened and none that did not. Nothing is recorded when people act for
 * themselves.
 */
export async function recordActFor(tx: DbLike, deps: Deps, actorId: string, elderId: string, what: string, refs: Record<string, string> = {}): Promise<void> {
  if (actorId === elderId) return;
  await proxyActs.add(tx, { _id: deps.ids.next('pa'), elderId, actorId, what, refs, at: deps.clock.now() });
}
