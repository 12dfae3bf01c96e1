import { z } from 'zod';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import { countDocId, digitsDocId, type Merchant, type MerchantDay, type MonthCount, type Offer, type RedeemCode } from './redemption.model';
import type { Throttle } from './redemption.deciders';

/** The redemption module's collections and the look-ups its use cases share. */
const MerchantRecord = z.object({
  _id: z.string(),
  name: z.string(),
  address: z.string(),
  communityId: z.string(),
  streetId: z.string(),
  operatorIds: z.array(z.string()),
  status: z.enum(['active', 'suspended']),
  /** Redemptions up to this moment have been settled (merchant.settle entries). */
  settledUntil: DateField.optional(),
  createdAt: DateField,
});

const OfferRecord = z.object({
  _id: z.string(),
  merchantId: z.string(),
  streetId: z.string(),
  title: z.string(),
  description: z.string().optional(),
  priceMinutes: z.number().int(),
  stock: z.number().int(),
  perPersonMonthlyLimit: z.number().int().optional(),
  validUntil: DateField.optional(),
  photoUrl: z.string().optional(),
  active: z.boolean(),
  /** Copied from the merchant, so a list of offers on sale needs no merchant per row. */
  merchantActive: z.boolean(),
  /** The codes that took the last items (takeStock), so a retry does not take a second one. */
  takenBy: z.array(z.string()).optional(),
  createdAt: DateField,
});

const CodeRecord = z.object({
  _id: z.string(),
  digits: z.string(),
  offerId: z.string(),
  merchantId: z.string(),
  streetId: z.string(),
  userId: z.string(),
  issuedBy: z.string(),
  priceMinutes: z.number().int(),
  offerTitle: z.string().optional(),
  merchantName: z.string().optional(),
  holderName: z.string().optional(),
  status: z.enum(['open', 'used', 'cancelled']),
  expiresAt: DateField,
  createdAt: DateField,
  usedAt: DateField.optional(),
  confirmedBy: z.string().optional(),
  entryId: z.string().optional(),
  cancelledAt: DateField.optional(),
});

export const merchants = defineCollection<Merchant>('merchants', MerchantRecord);
export const offers = defineCollection<Offer>('offers', OfferRecord);
export const codes = defineCollection<RedeemCode>('redeemCodes', CodeRecord);
export const digitsIndex = defineCollection<{ _id: string; codeId: string; expiresAt: Date }>(
  'redeemDigits',
  z.object({ _id: z.string(), codeId: z.string(), expiresAt: DateField }),
);
export const monthCounts = defineCollection<MonthCount>(
  'redeemCounts',
  z.object({ _id: z.string(), count: z.number().int(), offerId: z.string(), userId: z.string(), month: z.string() }),
);
export const merchantDays = defineCollection<MerchantDay>(
  'merchantDays',
  z.object({ _id: z.string(), merchantId: z.string(), day: z.string(), operatorId: z.string(), count: z.number().int(), totalMinutes: z.number().int() }),
);
export const throttles = defineCollection<Throttle>(
  'throttles',
  z.object({ _id: z.string(), windowStart: z.number(), failures: z.number().int(), blockedUntil: z.number() }),
);

export const merchantIdsOf = (user: User): string[] => user.roles.filter((g) => g.role === 'merchant').map((g) => g.scope);

export async function merchantFor(db: DbLike, merchantId: string, streetId: string): Promise<Merchant> {
  const m = await merchants.get(db, merchantId);
  if (!m || m.streetId !== streetId) throw new DomainError('MERCHANT.NOT_FOUND');
  return m;
}

export async function offerFor(db: DbLike, offerId: string, streetId: string): Promise<Offer> {
  const o = await offers.get(db, offerId);
  if (!o || o.streetId !== streetId) throw new DomainError('OFFER.NOT_FOUND');
  return o;
}

export async function usedThisMonth(db: DbLike, offerId: string, userId: string, month: string): Promise<number> {
  return (await monthCounts.get(db, countDocId(offerId, userId, month)))?.count ?? 0;
}

/** The open code that holds these digits, if any (the digits are unique among open codes). */
export async function codeByDigits(db: DbLike, digits: string): Promise<RedeemCode | null> {
  const entry = await digitsIndex.get(db, digitsDocId(digits));
  return entry ? codes.get(db, entry.codeId) : null;
}

/** How many recent takers an offer remembers (far more than can race for it at once). */
const TAKERS_KEPT = 50;

/**
 * Takes one item of an offer's stock for a code, in one conditional update: in stock, on
 * sale, its shop not suspended, and not taken by this code already. That update is what
 * settles a confirm racing with the shop's suspension or the offer going off sale: the
 * transaction after it only reads those (from its snapshot), so without the condition a
 * confirm could slip past a suspension committed meanwhile. Answers how to give the item
 * back, or nothing when this code had taken it before; refuses with the reason otherwise.
 */
export async function takeStock(db: Database, offerId: string, codeId: string): Promise<(() => Promise<void>) | undefined> {
  const _ = db.command;
  const took = await db
    .collection(offers.name)
    .where({ _id: offerId, stock: _.gt(0), active: true, merchantActive: true, takenBy: _.neq(codeId) })
    .update({ stock: _.inc(-1), takenBy: _.push({ each: [codeId], slice: -TAKERS_KEPT }) });
  if (took.updated === 1) {
    return async () => {
      await db.collection(offers.name).where({ _id: offerId, takenBy: codeId }).update({ stock: _.inc(1), takenBy: _.pull(codeId) });
    };
  }
  const offer = await offers.get(db, offerId);
  if (offer?.takenBy?.includes(codeId)) return undefined;
  if (!offer) throw new DomainError('OFFER.NOT_FOUND');
  if (!offer.merchantActive) throw new DomainError('MERCHANT.SUSPENDED');
  if (!offer.active) throw new DomainError('OFFER.UNAVAILABLE');
  throw new DomainError('REDEEM.OUT_OF_STOCK');
}

export type { Database };
