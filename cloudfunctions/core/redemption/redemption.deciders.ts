import { DomainError } from '../errors';
import { monthOf } from '../time';
import type { Merchant, Offer, RedeemCode } from './redemption.model';

/** Pure rules of redemption. */

/** What the merchant typed or scanned: 8 digits, or the QR content (`yqr1.<code>`). */
export function parseCodeInput(text: string): { kind: 'digits'; digits: string } | { kind: 'code'; code: string } {
  const t = text.trim().replace(/\s+/g, '');
  if (/^\d{8}$/.test(t)) return { kind: 'digits', digits: t };
  const m = /^(?:yqr1\.)?([A-Za-z0-9_-]{22})$/.exec(t);
  if (m) return { kind: 'code', code: m[1] };
  throw new DomainError('REDEEM.CODE_INVALID');
}

/** The calendar month (Beijing) a per-person monthly limit counts in. */
export const monthKey = (now: Date): string => monthOf(now);

/** 刘洋 → 刘*, 欧阳娜娜 → 欧***: enough for the counter to greet, not to identify. */
export const maskName = (name: string): string => (name ? `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}` : '*');

/** Whether an offer can be had now: its merchant active, on sale, in date, and (unless already taken for this code) in stock. */
export function offerAvailable(offer: Offer, merchant: Merchant | null, now: Date, opts: { stockTaken?: boolean } = {}): void {
  if (!merchant) throw new DomainError('MERCHANT.NOT_FOUND');
  if (merchant.status !== 'active') throw new DomainError('MERCHANT.SUSPENDED');
  if (!offer.active || (offer.validUntil && offer.validUntil.getTime() < now.getTime())) throw new DomainError('OFFER.UNAVAILABLE');
  if (!opts.stockTaken && offer.stock <= 0) throw new DomainError('REDEEM.OUT_OF_STOCK');
}

export function limitLeft(offer: Pick<Offer, 'perPersonMonthlyLimit'>, usedThisMonth: number): number | undefined {
  return offer.perPersonMonthlyLimit === undefined ? undefined : Math.max(0, offer.perPersonMonthlyLimit - usedThisMonth);
}

/** The code's own state: open and not expired, or the reason it cannot be used. */
export function codeUsable(code: RedeemCode, now: Date): void {
  if (code.status === 'used') throw new DomainError('REDEEM.CODE_USED');
  if (code.status === 'cancelled') throw new DomainError('REDEEM.CODE_CANCELLED');
  if (code.expiresAt.getTime() <= now.getTime()) throw new DomainError('REDEEM.CODE_EXPIRED');
}

/**
 * Everything confirm checks before money moves (DOMAIN.md: open, not expired, an offer of
 * this merchant, stock — taken for this code before the transaction —, the per-person
 * limit; the wallet is the ledger's check).
 */
export function decideConfirm(
  code: RedeemCode,
  offer: Offer,
  merchant: Merchant | null,
  operator: { merchantIds: string[] },
  usedThisMonth: number,
  now: Date,
): void {
  codeUsable(code, now);
  if (!operator.merchantIds.includes(code.merchantId) || offer.merchantId !== code.merchantId) throw new DomainError('REDEEM.WRONG_MERCHANT');
  offerAvailable(offer, merchant, now, { stockTaken: true });
  if (limitLeft(offer, usedThisMonth) === 0) throw new DomainError('REDEEM.LIMIT_REACHED');
}
