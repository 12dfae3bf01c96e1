import type { Deps } from '../runtime';
import type { Impls } from '../shell';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { getCommunity, getUser, proxyLinksOf } from '../identity/identity.repository';
import { authorizeActFor } from '../identity/identity.rules';
import { accountIds } from './ledger.model';
import { balanceOf, historyOf } from './ledger.repository';

/** The person whose wallet is meant: the caller, or an elder they may act for. */
async function walletOwner(deps: Deps, caller: User, forUserId?: string): Promise<User> {
  if (!forUserId || forUserId === caller._id) return caller;
  const target = await getUser(deps.db, forUserId);
  if (!target || target.streetId !== caller.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
  const community = await getCommunity(deps.db, target.communityId);
  if (!community) throw new DomainError('ACCOUNT.NOT_FOUND');
  const links = await proxyLinksOf(deps.db, caller._id, target._id);
  authorizeActFor(caller, target, { links, targetCommunity: community, scope: 'wallet' });
  return target;
}

export const walletActions: Impls<'wallet'> = {
  balance: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const owner = await walletOwner(deps, user, input.forUserId);
      return { balanceMinutes: await balanceOf(deps.db, accountIds.wallet(owner._id)) };
    },
  },
  history: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const owner = await walletOwner(deps, user, input.forUserId);
      return historyOf(deps.db, accountIds.wallet(owner._id), input.cursor);
    },
  },
};
