import type { OfferView, Redemption } from '../contract';
import type { Database } from '../db/app';
import { users } from '../identity/identity.repository';
import { toIso } from '../time';
import { limitLeft, maskName, monthKey } from './redemption.deciders';
import { countDocId, qrContent, type Merchant, type Offer, type RedeemCode } from './redemption.model';
import { merchants, monthCounts, offers } from './redemption.repository';

/** How offers and redemptions are shown; the names and counts a list needs come in one query each. */
export function offerView(o: Offer, merchantName: string, used?: number): OfferView {
  const left = used === undefined ? undefined : limitLeft(o, used);
  return {
    id: o._id,
    merchantId: o.merchantId,
    merchantName,
    title: o.title,
    ...(o.description ? { description: o.description } : {}),
    priceMinutes: o.priceMinutes,
    stock: o.stock,
    ...(o.perPersonMonthlyLimit !== undefined ? { perPersonMonthlyLimit: o.perPersonMonthlyLimit } : {}),
    ...(left !== undefined ? { limitLeft: left } : {}),
    ...(o.validUntil ? { validUntil: toIso(o.validUntil) } : {}),
    ...(o.photoUrl ? { photoUrl: o.photoUrl } : {}),
    active: o.active,
  };
}

/** Offers as `holderId` sees them (how many more times they may redeem each this month). */
export async function offerViews(db: Database, list: Offer[], holderId: string | undefined, now: Date): Promise<OfferView[]> {
  const names = await merchants.getMany(
    db,
    list.map((o) => o.merchantId),
  );
  const month = monthKey(now);
  const counts = holderId
    ? await monthCounts.getMany(
        db,
        list.map((o) => countDocId(o._id, holderId, month)),
      )
    : undefined;
  return list.map((o) => offerView(o, names.get(o.merchantId)?.name ?? '', counts ? (counts.get(countDocId(o._id, holderId!, month))?.count ?? 0) : undefined));
}

/** `holderMasked` is the holder's masked name (刘*): all a merchant ever sees of them. */
export function redemptionView(
  c: RedeemCode,
  now: Date,
  names: { offer: string; merchant: Pick<Merchant, 'name' | 'settledUntil'> | undefined; holderMasked: string },
): Redemption {
  const expired = c.status === 'open' && c.expiresAt.getTime() <= now.getTime();
  const settledUntil = names.merchant?.settledUntil;
  return {
    code: qrContent(c._id),
    digits: c.digits,
    offerId: c.offerId,
    offerTitle: names.offer,
    merchantId: c.merchantId,
    merchantName: names.merchant?.name ?? '',
    priceMinutes: c.priceMinutes,
    holderName: names.holderMasked,
    status: expired ? 'expired' : c.status,
    expiresAt: toIso(c.expiresAt),
    ...(c.usedAt ? { usedAt: toIso(c.usedAt) } : {}),
    settled: !!(c.usedAt && settledUntil && c.usedAt.getTime() < settledUntil.getTime()),
  };
}

/** Redemptions of a page; names come with the codes (copied at issue), only older codes need look-ups. */
export async function redemptionViews(db: Database, list: RedeemCode[], now: Date): Promise<Redemption[]> {
  const older = list.filter((c) => c.offerTitle === undefined || c.holderName === undefined);
  const [offerMap, merchantMap, holderMap] = [
    await offers.getMany(
      db,
      older.map((c) => c.offerId),
    ),
    await merchants.getMany(
      db,
      list.map((c) => c.merchantId),
    ),
    await users.getMany(
      db,
      older.map((c) => c.userId),
    ),
  ];
  return list.map((c) =>
    redemptionView(c, now, {
      offer: c.offerTitle ?? offerMap.get(c.offerId)?.title ?? '',
      merchant: merchantMap.get(c.merchantId) ?? (c.merchantName ? { name: c.merchantName } : undefined),
      holderMasked: c.holderName ?? maskName(holderMap.get(c.userId)?.name ?? ''),
    }),
  );
}
