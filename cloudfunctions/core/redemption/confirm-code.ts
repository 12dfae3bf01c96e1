import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { accountIds } from '../ledger/ledger.model';
import { balanceOf, postEntry } from '../ledger/ledger.repository';
import { tellAbout } from '../messages/notify';
import type { Impls } from '../shell';
import { codeFromInput } from './code-input';
import { codeUsable, decideConfirm, monthKey } from './redemption.deciders';
import { countDocId, merchantDayId, type RedeemCode } from './redemption.model';
import { codes, merchantDays, merchants, monthCounts, offerFor, offers, merchantIdsOf, takeStock } from './redemption.repository';
import { dayOf } from '../time';
import { redemptionViews } from './views';

function requireOperator(user: User): string[] {
  const ids = merchantIdsOf(user);
  if (ids.length === 0) throw new DomainError('AUTH.FORBIDDEN', '只有商户店员可以核销兑换码');
  return ids;
}

/** The counter looks before it confirms: offer, price and the holder's masked name, nothing spent. */
export const previewCode: Impls<'redeem'>['preview'] = {
  auth: 'registered',
  async run({ deps, user, input }) {
    const merchantIds = requireOperator(user);
    const code = await codeFromInput(deps, deps.db, user, input.code);
    const now = deps.clock.now();
    codeUsable(code, now);
    if (!merchantIds.includes(code.merchantId)) throw new DomainError('REDEEM.WRONG_MERCHANT');
    const [view] = await redemptionViews(deps.db, [code], now);
    return { redemption: view };
  },
};

/**
 * Confirming is one atomic step (DOMAIN.md "Redemption at merchants"): in one transaction
 * the code closes, coins move holder → merchant and the month's count goes up. Before it:
 * - the call queues on the holder's wallet (db/lease.ts), so racers spending one wallet run
 *   one after another instead of conflicting, and refuses as soon as the code, the wallet or
 *   the stock says it cannot succeed — the code's own state first, so a retry of a used
 *   code reads 已经用过了, not a balance;
 * - one item of stock is taken by a conditional update (`stock > 0`, keyed by the code so a
 *   retry does not take a second), given back if the transaction does not happen. Tills of
 *   one shop selling the same offer to different people never wait for each other, and a
 *   crowd racing for the last items is refused at once. A crash between the two steps can
 *   leave the offer one item short (never coins); the shop corrects it on 本店商品.
 */
export const confirmCode: Impls<'redeem'>['confirm'] = {
  auth: 'registered',
  async leases({ deps, user, input }) {
    requireOperator(user);
    const found = await codeFromInput(deps, deps.db, user, input.code);
    const stillWorthIt = async (): Promise<void> => {
      const now = deps.clock.now();
      const code = (await codes.get(deps.db, found._id)) as RedeemCode;
      codeUsable(code, now);
      if ((await balanceOf(deps.db, accountIds.wallet(code.userId), now)) < code.priceMinutes) throw new DomainError('WALLET.INSUFFICIENT');
      if (((await offers.get(deps.db, code.offerId))?.stock ?? 0) <= 0) throw new DomainError('REDEEM.OUT_OF_STOCK');
    };
    await stillWorthIt();
    return { keys: [accountIds.wallet(found.userId)], stillWorthIt, reserve: () => takeStock(deps.db, found.offerId, found._id) };
  },
  async run({ deps, user, input, tx }) {
    const merchantIds = requireOperator(user);
    const now = deps.clock.now();
    // The code was found (and wrong digits counted) before queueing; here it is read by id.
    const code = await codeFromInput(deps, tx, user, input.code, { guessed: false });
    const offer = await offerFor(tx, code.offerId, user.streetId);
    const merchant = await merchants.get(tx, code.merchantId);
    const countId = countDocId(code.offerId, code.userId, monthKey(now));
    const used = (await monthCounts.get(tx, countId))?.count ?? 0;
    decideConfirm(code, offer, merchant, { merchantIds }, used, now);
    const closed: RedeemCode = { ...code, status: 'used', usedAt: now, confirmedBy: user._id, entryId: `redeem-${code._id}` };
    await codes.put(tx, closed);
    await postEntry(
      tx,
      {
        kind: 'redeem',
        postings: [
          { accountId: accountIds.wallet(code.userId), amountMinutes: -code.priceMinutes },
          { accountId: accountIds.merchant(code.merchantId), amountMinutes: code.priceMinutes },
        ],
        refs: { code: code._id, offerId: offer._id, merchantId: code.merchantId },
        operatorId: user._id,
        ...(code.issuedBy !== code.userId ? { actedForId: code.userId } : {}),
        memo: `${merchant!.name} · ${offer.title}`,
      },
      { now, entryId: closed.entryId!, db: deps.db },
    );
    await monthCounts.put(tx, { _id: countId, count: used + 1, offerId: offer._id, userId: code.userId, month: monthKey(now) });
    // This till's takings today (its own document: tills of one shop never write the same one).
    const tillId = merchantDayId(code.merchantId, dayOf(now), user._id);
    const till = await merchantDays.get(tx, tillId);
    await merchantDays.put(tx, {
      _id: tillId,
      merchantId: code.merchantId,
      day: dayOf(now),
      operatorId: user._id,
      count: (till?.count ?? 0) + 1,
      totalMinutes: (till?.totalMinutes ?? 0) + code.priceMinutes,
    });
    await tellAbout(
      tx,
      deps,
      code.userId,
      {
        kind: 'redeem.used',
        title: '兑换成功',
        body: `${merchant!.name}：${offer.title}，用了 ${Number((code.priceMinutes / 60).toFixed(2))} 时间币`,
        link: '/pages/my-redemptions/index',
        templateKey: 'redeem',
      },
      user._id,
    );
    const [view] = await redemptionViews(deps.db, [closed], now);
    return { redemption: view };
  },
};
