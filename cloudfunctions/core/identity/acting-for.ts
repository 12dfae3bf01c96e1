import type { Database } from '../db/app';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import type { ProxyScope, User } from './identity.model';
import { getCommunity, getUser, proxyLinksOf } from './identity.repository';
import { authorizeActFor } from './identity.rules';

/**
 * The person an action is for (API.md "Acting for an elder"): the caller, or `forUserId`
 * when the caller holds an active proxy link with `scope` for them or is staff of their
 * community. Someone of another street does not exist for the caller.
 */
export async function actingFor(db: Database, tx: DbLike, caller: User, forUserId: string | undefined, scope: ProxyScope): Promise<User> {
  if (!forUserId || forUserId === caller._id) return caller;
  const target = await getUser(tx, forUserId);
  if (!target || target.streetId !== caller.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
  const community = await getCommunity(tx, target.communityId);
  if (!community) throw new DomainError('ACCOUNT.NOT_FOUND');
  authorizeActFor(caller, target, { links: await proxyLinksOf(db, caller._id, target._id), targetCommunity: community, scope });
  return target;
}
