import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import { users } from '../identity/identity.repository';
import type { Impls } from '../shell';
import { codeUsable, parseCodeInput } from './redemption.deciders';
import { digitsDocId, type RedeemCode } from './redemption.model';
import { codes, digitsIndex, merchants, offers } from './redemption.repository';
import { redemptionView } from './views';

/** The holder (or who issued it for them) cancels an open code; nothing was spent. */
export const cancelCode: Impls<'redeem'>['cancel'] = {
  auth: 'registered',
  async run({ deps, user, input, tx }) {
    const parsed = parseCodeInput(input.code);
    if (parsed.kind !== 'code') throw new DomainError('REDEEM.CODE_INVALID');
    const code = await codes.get(tx, parsed.code);
    if (!code || code.streetId !== user.streetId) throw new DomainError('REDEEM.CODE_INVALID');
    if (code.userId !== user._id && code.issuedBy !== user._id) await actingFor(deps.db, tx, user, code.userId, 'redeem');
    const now = deps.clock.now();
    codeUsable(code, now);
    const cancelled: RedeemCode = { ...code, status: 'cancelled', cancelledAt: now };
    await codes.put(tx, cancelled);
    await digitsIndex.remove(tx, digitsDocId(code.digits));
    const [offer, merchant, holder] = [await offers.get(tx, code.offerId), await merchants.get(tx, code.merchantId), await users.get(tx, code.userId)];
    return { redemption: redemptionView(cancelled, now, { offer: offer?.title ?? '', merchant: merchant ?? undefined, holder: holder?.name ?? '' }) };
  },
};
