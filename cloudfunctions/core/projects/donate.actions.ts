import { pageOf } from '../db/paging';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import type { User } from '../identity/identity.model';
import { getCommunity, getStreet } from '../identity/identity.repository';
import { accountIds } from '../ledger/ledger.model';
import { postEntry } from '../ledger/ledger.repository';
import type { Impls } from '../shell';
import { donorShown, requireActive } from './fund.deciders';
import { openProjectAccount } from './money';
import { projectFor } from './project.actions';
import type { CoinDonor } from './project.model';
import { coinDonors, donations } from './project.repository';

const donorId = (streetId: string, userId: string) => `${streetId}:${userId}`;

/** The giver's line on the thanks board: their own document, so many givers never meet on one. */
async function thank(tx: DbLike, giver: User, communityName: string, minutes: number, now: Date): Promise<void> {
  const id = donorId(giver.streetId, giver._id);
  const prior = await coinDonors.get(tx, id);
  const next: CoinDonor = {
    _id: id,
    streetId: giver.streetId,
    communityId: giver.communityId,
    communityName,
    donorName: giver.name,
    totalMinutes: (prior?.totalMinutes ?? 0) + minutes,
    times: (prior?.times ?? 0) + 1,
    lastAt: now,
  };
  await coinDonors.put(tx, next);
}

/**
 * Coin donations (DOMAIN.md "Community fund"): a user — or a proxy for an elder — moves coins
 * from the wallet to a micro-project or a community pool; donors are thanked on a public board.
 */
export const donateActions: Impls<'donate'> = {
  coins: {
    auth: 'registered',
    // The giver's wallet is spent from: donations from one wallet queue instead of conflicting.
    async leases({ user, input }) {
      return { keys: [accountIds.wallet(input.forUserId ?? user._id)] };
    },
    async run({ deps, user, input, tx }) {
      const giver = await actingFor(deps.db, tx, user, input.forUserId, 'wallet');
      const now = deps.clock.now();
      const entryId = deps.ids.next('e');
      let to: string;
      let memo: string;
      const refs: Record<string, string> = {};
      if (input.projectId) {
        const p = await projectFor(tx, input.projectId, giver);
        requireActive(p, '捐时间币');
        // The project's document is not written: many givers at once would all meet on it. Its page reads the coins from the ledger.
        to = await openProjectAccount(tx, p, 'project', now);
        memo = `《${p.title}》`;
        refs.projectId = p._id;
        await donations.add(tx, {
          _id: deps.ids.next('dn'),
          projectId: p._id,
          streetId: p.streetId,
          kind: 'coins',
          donorName: donorShown(giver.name, input.anonymous),
          anonymous: !!input.anonymous,
          donorId: giver._id,
          amountMinutes: input.amountMinutes,
          givenAt: now,
          recordedBy: user._id,
          entryId,
          createdAt: now,
        });
      } else {
        const community = await getCommunity(tx, input.poolCommunityId!);
        // Another street's pool is not visible to this caller at all.
        if (!community || community.streetId !== giver.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
        to = accountIds.pool(community._id);
        memo = `${community.name}公益池`;
        refs.communityId = community._id;
      }
      const entry = await postEntry(
        tx,
        {
          kind: 'donate.coins',
          postings: [
            { accountId: accountIds.wallet(giver._id), amountMinutes: -input.amountMinutes },
            { accountId: to, amountMinutes: input.amountMinutes },
          ],
          refs,
          operatorId: user._id,
          ...(giver._id !== user._id ? { actedForId: giver._id } : {}),
          memo,
        },
        { now, entryId, db: deps.db },
      );
      if (!input.anonymous) {
        const home = await getCommunity(tx, giver.communityId);
        await thank(tx, giver, home?.name ?? '', input.amountMinutes, now);
      }
      const mine = entry.postings.find((p) => p.accountId === accountIds.wallet(giver._id))!;
      return { entryId: entry._id, balanceMinutes: mine.balanceAfter ?? 0 };
    },
  },

  board: {
    auth: 'public',
    async run({ deps, viewer, input, cursors }) {
      let streetId = input.streetId ?? viewer?.streetId;
      if (input.communityId) {
        const c = await getCommunity(deps.db, input.communityId);
        if (!c) throw new DomainError('COMMUNITY.NOT_FOUND');
        streetId = c.streetId;
      }
      if (!streetId) throw new DomainError('INPUT.INVALID', '请说明是哪个街道', { fields: [{ path: 'streetId', message: '请选择街道' }] });
      const street = await getStreet(deps.db, streetId);
      if (!street) throw new DomainError('NOT_FOUND', '没有找到这个街道');
      const page = await pageOf(deps.db, coinDonors, cursors, {
        where: input.communityId ? { communityId: input.communityId } : { streetId },
        field: 'totalMinutes',
        dir: 'desc',
        valueOf: (d) => d.totalMinutes,
        cursor: input.cursor,
        scope: `donate.board:${input.communityId ?? streetId}`,
      });
      return {
        streetName: street.name,
        items: page.items.map((d) => ({ donorName: d.donorName, communityName: d.communityName, totalMinutes: d.totalMinutes, times: d.times })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    },
  },
};
