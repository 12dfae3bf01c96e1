import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import type { Impls } from '../shell';
import { codeUsable, parseCodeInput } from './redemption.deciders';
import type { RedeemCode } from './redemption.model';
import { codes } from './redemption.repository';
import { redemptionViews } from './views';

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
    const [view] = await redemptionViews(deps.db, [cancelled], now);
    return { redemption: view };
  },
};
