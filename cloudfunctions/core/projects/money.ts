import type { Channel } from '../contract/fund';
import type { DbLike } from '../db/tx';
import { accountIds, type AccountKind } from '../ledger/ledger.model';
import { keptBalance, openAccount, sharedBalances } from '../ledger/ledger.repository';
import type { Deps } from '../runtime';
import type { Project } from './project.model';

/**
 * A project's accounts in the ledger: its money (`fund:`, fen) and its coins (`project:`,
 * minutes); where money comes from (`donors:` of the street, one per channel) and where it
 * goes (`payees:` of the street). Opened when first needed.
 */
export async function openProjectAccount(tx: DbLike, p: Project, kind: Extract<AccountKind, 'fund' | 'project'>, now: Date): Promise<string> {
  const _id = kind === 'fund' ? accountIds.fund(p._id) : accountIds.project(p._id);
  await openAccount(tx, { _id, kind, ownerId: p._id, communityId: p.communityId, streetId: p.streetId, createdAt: now });
  return _id;
}

export async function openStreetAccount(tx: DbLike, streetId: string, kind: 'donors' | 'payees', now: Date, channel?: Channel): Promise<string> {
  const _id = kind === 'donors' ? accountIds.donors(streetId, channel!) : accountIds.payees(streetId);
  await openAccount(tx, { _id, kind, ownerId: streetId, streetId, createdAt: now });
  return _id;
}

/**
 * What a project's page shows from the ledger: money left (the fund account's kept balance,
 * read in `tx` when answering a write) and coins given (a shared balance).
 */
export async function projectBalances(deps: Deps, projectId: string, tx: DbLike = deps.db): Promise<{ leftFen: number; coinsMinutes: number }> {
  const leftFen = await keptBalance(tx, accountIds.fund(projectId));
  const coins = await sharedBalances(deps.db, [accountIds.project(projectId)], deps.clock.now());
  return { leftFen, coinsMinutes: coins.get(accountIds.project(projectId)) ?? 0 };
}
