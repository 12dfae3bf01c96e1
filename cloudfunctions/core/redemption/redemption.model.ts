/** Redemption at merchants (DOMAIN.md "Redemption at merchants"). */
export interface Merchant {
  _id: string;
  name: string;
  address: string;
  communityId: string;
  streetId: string;
  operatorIds: string[];
  status: 'active' | 'suspended';
  /** Redemptions up to this moment have been settled (merchant.settle entries in the ledger). */
  settledUntil?: Date;
  createdAt: Date;
}

export interface Offer {
  _id: string;
  merchantId: string;
  streetId: string;
  title: string;
  description?: string;
  priceMinutes: number;
  stock: number;
  perPersonMonthlyLimit?: number;
  validUntil?: Date;
  photoUrl?: string;
  active: boolean;
  /** The merchant's status, copied here so a list of offers on sale needs no merchant per row. */
  merchantActive: boolean;
  /** The codes that took the last items, so a retried confirm does not take a second one. */
  takenBy?: string[];
  createdAt: Date;
}

export interface RedeemCode {
  /** 128 random bits (base64url): the QR content is `yqr1.<_id>`. */
  _id: string;
  /** 8 digits, unique among open codes, for typing at the counter. */
  digits: string;
  offerId: string;
  merchantId: string;
  streetId: string;
  /** Whose coins pay: the volunteer, or the elder a proxy redeems for. */
  userId: string;
  /** Who asked for the code (the person or their proxy). */
  issuedBy: string;
  priceMinutes: number;
  /** Copied at issue, so a list of redemptions needs no offer, shop or person per row. */
  offerTitle?: string;
  merchantName?: string;
  /** The holder's name, masked (刘*): all a merchant ever sees of them. */
  holderName?: string;
  status: 'open' | 'used' | 'cancelled';
  expiresAt: Date;
  createdAt: Date;
  usedAt?: Date;
  confirmedBy?: string;
  entryId?: string;
  cancelledAt?: Date;
}

/**
 * One till's takings in one Beijing day: written with each confirm, one document per
 * operator so tills of one shop never write the same document, and a shop's "today" is the
 * sum of a few documents, not of every redemption.
 */
export interface MerchantDay {
  _id: string;
  merchantId: string;
  day: string;
  operatorId: string;
  count: number;
  totalMinutes: number;
}
export const merchantDayId = (merchantId: string, day: string, operatorId: string): string => `${merchantId}:${day}:${operatorId}`;

/** How often a holder redeemed an offer in a calendar month (the per-person limit). */
export interface MonthCount {
  _id: string;
  count: number;
  offerId: string;
  userId: string;
  month: string;
}

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_BYTES = 16; // 128 bits, above the 64 the issue asks for
export const DIGITS = 8;
/** Typed digits: 5 guesses a minute per operator, 30 a minute per street (docs/decisions.md). */
export const GUESSES_PER_OPERATOR = 5;
export const GUESSES_PER_STREET = 30;
export const GUESS_WINDOW_MS = 60_000;

/** A window of guesses at typed digits: how many were taken since `windowStart` (ms). */
export interface Guesses {
  _id: string;
  windowStart: number;
  taken: number;
}

export const qrContent = (codeId: string): string => `yqr1.${codeId}`;
export const digitsDocId = (digits: string): string => `rd-${digits}`;
export const countDocId = (offerId: string, userId: string, month: string): string => `${offerId}:${userId}:${month}`;
