import { pageAnswer, pageOf } from '../db/paging';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { getCommunity, users } from '../identity/identity.repository';
import { decideGrant, isStreetAdmin } from '../identity/identity.rules';
import { accountIds } from '../ledger/ledger.model';
import { openAccount, periodSum, postEntry, SETTLED_AFTER_MS, sharedBalances } from '../ledger/ledger.repository';
import type { Impls } from '../shell';
import { toIso } from '../time';
import { merchantFor, merchants, offers } from './redemption.repository';

function requireStreetAdmin(user: User, streetId: string, doing: string): void {
  if (!isStreetAdmin(user, streetId)) throw new DomainError('AUTH.FORBIDDEN', `只有街道管理员可以${doing}`);
}

/** The street's merchants: onboarding, suspension, and settlement through the ledger. */
export const merchantActions: Pick<Impls<'redeem'>, 'merchants' | 'onboardMerchant' | 'suspendMerchant' | 'settle'> = {
  merchants: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      requireStreetAdmin(user, user.streetId, '查看全部商户');
      const page = await pageOf(deps.db, merchants, cursors, {
        where: { streetId: user.streetId },
        field: 'createdAt',
        dir: 'asc',
        valueOf: (m) => m.createdAt,
        cursor: input.cursor,
        scope: `merchants:${user.streetId}`,
      });
      // What is not settled yet is each merchant account's balance (one look-up for the page).
      const balances = await sharedBalances(
        deps.db,
        page.items.map((m) => accountIds.merchant(m._id)),
        deps.clock.now(),
      );
      return pageAnswer(
        page,
        page.items.map((m) => ({
          id: m._id,
          name: m.name,
          address: m.address,
          status: m.status,
          unsettledMinutes: balances.get(accountIds.merchant(m._id)) ?? 0,
          ...(m.settledUntil ? { settledUntil: toIso(m.settledUntil) } : {}),
        })),
      );
    },
  },

  onboardMerchant: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const community = await getCommunity(tx, input.communityId);
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStreetAdmin(user, community.streetId, '登记商户');
      const merchantId = deps.ids.next('m');
      const operators: User[] = [];
      for (const id of input.operatorIds) {
        const op = await users.get(tx, id);
        if (!op || op.streetId !== community.streetId) throw new DomainError('ACCOUNT.NOT_FOUND', `没有找到店员：${id}`);
        // The same rule as any grant of a role (a managed account can only be a resident).
        decideGrant(user, op, 'merchant', { kind: 'merchant', id: merchantId, streetId: community.streetId });
        operators.push(op);
      }
      const now = deps.clock.now();
      await merchants.add(tx, {
        _id: merchantId,
        name: input.name,
        address: input.address,
        communityId: community._id,
        streetId: community.streetId,
        operatorIds: input.operatorIds,
        status: 'active',
        createdAt: now,
      });
      await openAccount(tx, {
        _id: accountIds.merchant(merchantId),
        kind: 'merchant',
        ownerId: merchantId,
        communityId: community._id,
        streetId: community.streetId,
        createdAt: now,
      });
      for (const op of operators) await users.patch(tx, op._id, { roles: [...op.roles, { role: 'merchant', scope: merchantId }] });
      return { merchantId };
    },
  },

  suspendMerchant: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const merchant = await merchantFor(tx, input.merchantId, user.streetId);
      requireStreetAdmin(user, merchant.streetId, '暂停商户');
      const status = input.suspended ? 'suspended' : 'active';
      // The offers first: a confirm takes its item with a conditional update on the offer that
      // requires `merchantActive` (takeStock), so once they are marked no confirm gets through,
      // whatever its transaction read. Writing them again on a retry is harmless.
      await deps.db
        .collection(offers.name)
        .where({ merchantId: merchant._id })
        .update({ merchantActive: status === 'active' });
      await merchants.patch(tx, merchant._id, { status });
      return { merchantId: merchant._id, status };
    },
  },

  settle: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const merchant = await merchantFor(tx, input.merchantId, user.streetId);
      requireStreetAdmin(user, merchant.streetId, '结算');
      const now = deps.clock.now();
      // Settle what was redeemed since the last settlement, up to the chosen moment but
      // never within the last two minutes: an entry of that time may still be committing,
      // and once a period is settled nothing can be added to it.
      const until = new Date(Math.min(new Date(input.until).getTime(), now.getTime() - SETTLED_AFTER_MS));
      const from = merchant.settledUntil ?? new Date(0);
      if (until.getTime() <= from.getTime()) throw new DomainError('MERCHANT.NOTHING_TO_SETTLE');
      const account = accountIds.merchant(merchant._id);
      const amount = await periodSum(deps.db, account, from, until, 'merchant.settle');
      if (amount <= 0) throw new DomainError('MERCHANT.NOTHING_TO_SETTLE');
      await openAccount(tx, {
        _id: accountIds.settlement(merchant.streetId),
        kind: 'settlement',
        ownerId: merchant.streetId,
        streetId: merchant.streetId,
        createdAt: now,
      });
      await postEntry(
        tx,
        {
          kind: 'merchant.settle',
          postings: [
            { accountId: account, amountMinutes: -amount },
            { accountId: accountIds.settlement(merchant.streetId), amountMinutes: amount },
          ],
          refs: { merchantId: merchant._id, from: from.toISOString(), until: until.toISOString() },
          operatorId: user._id,
          memo: merchant.name,
        },
        { now, entryId: `settle-${merchant._id}-${until.getTime()}`, db: deps.db },
      );
      await merchants.patch(tx, merchant._id, { settledUntil: until });
      return { totalMinutes: amount, until: toIso(until) };
    },
  },
};
