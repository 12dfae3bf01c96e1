import { pageAnswer, pageOf } from '../db/paging';
import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import type { Impls } from '../shell';
import type { Offer } from './redemption.model';
import { merchantFor, merchantIdsOf, offerFor, offers } from './redemption.repository';
import { offerView, offerViews } from './views';

/** Offers: the street's catalogue, a page at a time; merchants' operators manage their own. */
export const offerActions: Pick<Impls<'redeem'>, 'offers' | 'offer' | 'createOffer' | 'updateOffer'> = {
  offers: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const holder = await actingFor(deps.db, deps.db, user, input.forUserId, 'redeem');
      // Off-sale offers are shown only to the merchant's own operators, on their own list.
      const own = !!input.merchantId && merchantIdsOf(user).includes(input.merchantId);
      if (input.includeOffSale && !own) throw new DomainError('AUTH.FORBIDDEN', '只能查看本店下架的商品');
      const where: Record<string, unknown> = input.includeOffSale
        ? { merchantId: input.merchantId }
        : { streetId: user.streetId, active: true, merchantActive: true, ...(input.merchantId ? { merchantId: input.merchantId } : {}) };
      const now = deps.clock.now();
      const page = await pageOf(deps.db, offers, cursors, {
        where,
        field: 'priceMinutes',
        dir: 'asc',
        valueOf: (o) => o.priceMinutes,
        cursor: input.cursor,
        scope: `offers:${user.streetId}:${input.merchantId ?? ''}:${input.includeOffSale ? 1 : 0}`,
      });
      // An offer past its date is off sale for everyone but its operators.
      const shown = input.includeOffSale ? page.items : page.items.filter((o) => !(o.validUntil && o.validUntil.getTime() < now.getTime()));
      return pageAnswer(page, await offerViews(deps.db, shown, holder._id, now));
    },
  },

  offer: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const offer = await offerFor(deps.db, input.offerId, user.streetId);
      const own = merchantIdsOf(user).includes(offer.merchantId);
      if (!own && (!offer.active || !offer.merchantActive)) throw new DomainError('OFFER.NOT_FOUND');
      const merchant = await merchantFor(deps.db, offer.merchantId, user.streetId);
      return { offer: offerView(offer, merchant.name) };
    },
  },

  createOffer: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const merchantId = merchantIdsOf(user)[0];
      if (!merchantId) throw new DomainError('AUTH.FORBIDDEN', '只有商户店员可以上架商品');
      const merchant = await merchantFor(tx, merchantId, user.streetId);
      const offer: Offer = {
        _id: deps.ids.next('o'),
        merchantId,
        streetId: merchant.streetId,
        title: input.title,
        ...(input.description ? { description: input.description } : {}),
        priceMinutes: input.priceMinutes,
        stock: input.stock,
        ...(input.perPersonMonthlyLimit !== undefined ? { perPersonMonthlyLimit: input.perPersonMonthlyLimit } : {}),
        ...(input.validUntil ? { validUntil: new Date(input.validUntil) } : {}),
        ...(input.photoUrl ? { photoUrl: input.photoUrl } : {}),
        active: true,
        merchantActive: merchant.status === 'active',
        createdAt: deps.clock.now(),
      };
      await offers.add(tx, offer);
      return { offer: offerView(offer, merchant.name) };
    },
  },

  updateOffer: {
    auth: 'registered',
    async run({ user, input, tx }) {
      const offer = await offerFor(tx, input.offerId, user.streetId);
      if (!merchantIdsOf(user).includes(offer.merchantId)) throw new DomainError('AUTH.FORBIDDEN', '只能修改本店的商品');
      const { offerId: _ignored, validUntil, ...changes } = input;
      const next: Offer = { ...offer, ...changes, ...(validUntil ? { validUntil: new Date(validUntil) } : {}) };
      await offers.put(tx, next);
      const merchant = await merchantFor(tx, offer.merchantId, user.streetId);
      return { offer: offerView(next, merchant.name) };
    },
  },
};
