import { z } from 'zod';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import {
  countDocId,
  digitsDocId,
  GUESS_WINDOW_MS,
  type Guesses,
  type Merchant,
  type MerchantDay,
  type MonthCount,
  type Offer,
  type RedeemCode,
} from './redemption.model';

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
export const guesses = defineCollection<Guesses>('throttles', z.object({ _id: z.string(), windowStart: z.number(), taken: z.number().int() }));

/**
 * Takes one guess from a window, atomically, before the guess is looked at: a conditional
 * update (room left in the current window, or a window that has ended, which starts anew), so
 * a crowd of parallel guesses gets exactly the room there is. Answers whether there was room.
 */
export async function takeGuess(db: Database, id: string, limit: number, now: Date): Promise<boolean> {
  const _ = db.command;
  const ms = now.getTime();
  const windowOpen = ms - GUESS_WINDOW_MS;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (
      (
        await db
          .collection(guesses.name)
          .where({ _id: id, windowStart: _.gt(windowOpen), taken: _.lt(limit) })
          .update({ taken: _.inc(1) })
      ).updated === 1
    )
      return true;
    if (
      (
        await db
          .collection(guesses.name)
          .where({ _id: id, windowStart: _.lte(windowOpen) })
          .update({ windowStart: ms, taken: 1 })
      ).updated === 1
    )
      return true;
    const seen = await guesses.get(db, id);
    if (seen && seen.windowStart > windowOpen && seen.taken >= limit) return false;
    if (seen) continue; // another guess opened a new window between the two updates: try again
    try {
      await guesses.add(db, { _id: id, windowStart: ms, taken: 1 });
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== 'DATABASE_DUPLICATE_WRITE') throw e;
    }
  }
  return false;
}

/** Gives a guess back (it was right, or named a code that exists): only wrong guesses count. */
export async function returnGuess(db: Database, id: string, now: Date): Promise<void> {
  const _ = db.command;
  await db
    .collection(guesses.name)
    .where({ _id: id, windowStart: _.gt(now.getTime() - GUESS_WINDOW_MS), taken: _.gt(0) })
    .update({ taken: _.inc(-1) });
}

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
      await db
        .collection(offers.name)
        .where({ _id: offerId, takenBy: codeId })
        .update({ stock: _.inc(1), takenBy: _.pull(codeId) });
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
