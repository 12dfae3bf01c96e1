import type { UserView } from '../contract';
import type { DbLike } from '../db/tx';
import type { User } from './identity.model';
import { getCommunity } from './identity.repository';

export async function userView(db: DbLike, user: User): Promise<UserView> {
  const community = await getCommunity(db, user.communityId);
  return {
    id: user._id,
    name: user.name,
    communityId: user.communityId,
    communityName: community?.name ?? '',
    roles: user.roles,
    managed: user.managed,
  };
}
