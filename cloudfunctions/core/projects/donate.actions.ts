import type { Impls } from '../shell';
import { DomainError } from '../errors';
import { getCommunity } from '../identity/identity.repository';
import { accountIds } from '../ledger/ledger.model';
import { postEntry } from '../ledger/ledger.repository';

/**
 * Donations (DOMAIN.md "Micro-projects and donations"). This stage has the coin donation to
 * a community pool; projects, money and goods donations come with the micro-project work.
 */
export const donateActions: Pick<Impls<'donate'>, 'coins'> = {
  coins: {
    auth: 'registered',
    // The donor's wallet is spent from: donations from one wallet queue instead of conflicting.
    async leases({ user }) {
      return { keys: [accountIds.wallet(user._id)] };
    },
    async run({ deps, user, input, tx }) {
      const community = await getCommunity(tx, input.poolCommunityId);
      // Another street's pool is not visible to this caller at all.
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      const entry = await postEntry(
        tx,
        {
          kind: 'donate.coins',
          postings: [
            { accountId: accountIds.wallet(user._id), amountMinutes: -input.amountMinutes },
            { accountId: accountIds.pool(community._id), amountMinutes: input.amountMinutes },
          ],
          refs: { communityId: community._id },
          operatorId: user._id,
          memo: `${community.name}公益池`,
        },
        { now: deps.clock.now(), entryId: deps.ids.next('e'), db: deps.db },
      );
      const mine = entry.postings.find((p) => p.accountId === accountIds.wallet(user._id))!;
      return { entryId: entry._id, balanceMinutes: mine.balanceAfter ?? 0 };
    },
  },
};
