import type { Impls } from '../shell';
import { ownCode } from './own-code';
import { codeUsable } from './redemption.deciders';
import type { RedeemCode } from './redemption.model';
import { codes } from './redemption.repository';
import { redemptionViews } from './views';

/** The holder (or who issued it for them) cancels an open code; nothing was spent. */
export const cancelCode: Impls<'redeem'>['cancel'] = {
  auth: 'registered',
  async run({ deps, user, input, tx }) {
    const code = await ownCode(deps, tx, user, input.code);
    const now = deps.clock.now();
    codeUsable(code, now);
    const cancelled: RedeemCode = { ...code, status: 'cancelled', cancelledAt: now };
    await codes.put(tx, cancelled);
    const [view] = await redemptionViews(deps.db, [cancelled], now);
    return { redemption: view };
  },
};
