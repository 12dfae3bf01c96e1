import type { Database } from '../db/app';
import { pageAnswer, pageOf } from '../db/paging';
import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import type { User } from '../identity/identity.model';
import { isStreetAdmin } from '../identity/identity.rules';
import { accountIds } from '../ledger/ledger.model';
import { periodTotals, sharedBalance } from '../ledger/ledger.repository';
import type { Impls } from '../shell';
import { dayOf, startOfDay } from '../time';
import type { Merchant } from './redemption.model';
import { codes, merchantDays, merchantFor, merchantIdsOf } from './redemption.repository';
import { redemptionViews } from './views';

async function todayTotals(db: Database, merchantId: string, now: Date): Promise<{ count: number; totalMinutes: number }> {
  // A shop has a few tills; 100 is far above any.
  const res = await db
    .collection(merchantDays.name)
    .where({ merchantId, day: dayOf(now) })
    .limit(100)
    .get();
  const days = (res.data as unknown[]).map(merchantDays.toDomain);
  return { count: days.reduce((n, d) => n + d.count, 0), totalMinutes: days.reduce((n, d) => n + d.totalMinutes, 0) };
}

async function merchantScope(db: Database, user: User, merchantId?: string): Promise<Merchant> {
  const own = merchantIdsOf(user);
  const id = merchantId ?? own[0];
  if (!id) throw new DomainError('AUTH.FORBIDDEN', '只有商户店员或街道管理员可以查看');
  const merchant = await merchantFor(db, id, user.streetId);
  if (!own.includes(id) && !isStreetAdmin(user, merchant.streetId)) throw new DomainError('AUTH.FORBIDDEN', '只能查看本店的兑换记录');
  return merchant;
}

/** Redemption records: a holder's own (or an elder's), and a merchant's with the period's totals. */
export const redemptionListActions: Pick<Impls<'redeem'>, 'mine' | 'merchantRedemptions'> = {
  mine: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const holder = await actingFor(deps.db, deps.db, user, input.forUserId, 'redeem');
      const page = await pageOf(deps.db, codes, cursors, {
        where: { userId: holder._id },
        field: 'createdAt',
        dir: 'desc',
        valueOf: (c) => c.createdAt,
        cursor: input.cursor,
        scope: `redeem.mine:${holder._id}`,
      });
      return pageAnswer(page, await redemptionViews(deps.db, page.items, deps.clock.now()));
    },
  },

  merchantRedemptions: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const merchant = await merchantScope(deps.db, user, input.merchantId);
      const _ = deps.db.command;
      const now = deps.clock.now();
      // Default period: today in Beijing.
      const from = input.from ? new Date(input.from) : startOfDay(now);
      const to = input.to ? new Date(input.to) : now;
      if (to.getTime() < from.getTime())
        throw new DomainError('INPUT.INVALID', '结束时间不能早于开始时间', { fields: [{ path: 'to', message: '早于开始时间' }] });
      const page = await pageOf(deps.db, codes, cursors, {
        where: { merchantId: merchant._id, status: 'used', usedAt: _.gte(from).and(_.lte(to)) },
        field: 'usedAt',
        dir: 'desc',
        valueOf: (c) => c.usedAt!,
        cursor: input.cursor,
        scope: `redeem.merchant:${merchant._id}:${from.getTime()}:${to.getTime()}`,
      });
      // Totals: today's from the tills' day documents (a few documents); another period's from
      // the ledger (its entries). What is not settled yet is the merchant account's balance.
      const account = accountIds.merchant(merchant._id);
      const totals = input.from || input.to ? await periodTotals(deps.db, account, 'redeem', from, to) : await todayTotals(deps.db, merchant._id, now);
      return {
        ...pageAnswer(page, await redemptionViews(deps.db, page.items, now)),
        count: totals.count,
        totalMinutes: totals.totalMinutes,
        unsettledMinutes: await sharedBalance(deps.db, account, now),
      };
    },
  },
};
