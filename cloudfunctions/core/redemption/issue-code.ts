import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import { recordActFor } from '../identity/proxy-acts';
import { accountIds } from '../ledger/ledger.model';
import { balanceOf } from '../ledger/ledger.repository';
import type { Impls } from '../shell';
import { toIso } from '../time';
import { limitLeft, maskName, monthKey, offerAvailable } from './redemption.deciders';
import { CODE_BYTES, CODE_TTL_MS, DIGITS, digitsDocId, qrContent, type RedeemCode } from './redemption.model';
import { codes, digitsIndex, merchants, offerFor, usedThisMonth } from './redemption.repository';

/**
 * A one-time code for an offer: 128 random bits (the QR) plus 8 digits unique among open
 * codes. Issuing checks what it can (offer, limit, balance) as a courtesy; nothing is
 * reserved, and confirm decides.
 */
export const issueCode: Impls<'redeem'>['issue'] = {
  auth: 'registered',
  async run({ deps, user, input, tx }) {
    const now = deps.clock.now();
    const holder = await actingFor(deps.db, tx, user, input.forUserId, 'redeem');
    const offer = await offerFor(tx, input.offerId, user.streetId);
    const merchant = await merchants.get(tx, offer.merchantId);
    offerAvailable(offer, merchant, now);
    if (limitLeft(offer, await usedThisMonth(tx, offer._id, holder._id, monthKey(now))) === 0) throw new DomainError('REDEEM.LIMIT_REACHED');
    if ((await balanceOf(deps.db, accountIds.wallet(holder._id), now)) < offer.priceMinutes) throw new DomainError('WALLET.INSUFFICIENT');
    // The digits document is taken over only from a code that is no longer open (used,
    // cancelled or expired).
    let digits = '';
    for (let attempt = 0; attempt < 8 && !digits; attempt++) {
      const candidate = deps.random.digits(DIGITS);
      const taken = await digitsIndex.get(tx, digitsDocId(candidate));
      const holderCode = taken ? await codes.get(tx, taken.codeId) : null;
      if (!holderCode || holderCode.status !== 'open' || holderCode.expiresAt.getTime() <= now.getTime()) digits = candidate;
    }
    if (!digits) throw new DomainError('REQUEST.BUSY');
    const code: RedeemCode = {
      _id: deps.random.token(CODE_BYTES),
      digits,
      offerId: offer._id,
      merchantId: offer.merchantId,
      streetId: offer.streetId,
      userId: holder._id,
      issuedBy: user._id,
      priceMinutes: offer.priceMinutes,
      offerTitle: offer.title,
      merchantName: merchant!.name,
      holderName: maskName(holder.name),
      status: 'open',
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      createdAt: now,
    };
    await codes.add(tx, code);
    await digitsIndex.put(tx, { _id: digitsDocId(digits), codeId: code._id, expiresAt: code.expiresAt });
    await recordActFor(tx, deps, user._id, holder._id, `出示兑换码：${merchant!.name} · ${offer.title}`, { code: code._id });
    return { code: qrContent(code._id), digits, expiresAt: toIso(code.expiresAt) };
  },
};
