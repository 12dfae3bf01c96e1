import type { Deps } from '../runtime';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import type { User } from '../identity/identity.model';
import type { Impls } from '../shell';
import { parseCodeInput } from './redemption.deciders';
import type { RedeemCode } from './redemption.model';
import { codes } from './redemption.repository';
import { redemptionViews } from './views';

/**
 * A code as its holder sees it: only the holder, whoever issued it for them, or a proxy who
 * holds them (the link's `redeem` scope) may read or cancel it, and only by its QR content
 * (the digits are for the counter). Anyone else learns nothing (REDEEM.CODE_INVALID).
 */
export async function ownCode(deps: Deps, db: DbLike, user: User, text: string): Promise<RedeemCode> {
  const parsed = parseCodeInput(text);
  if (parsed.kind !== 'code') throw new DomainError('REDEEM.CODE_INVALID');
  const code = await codes.get(db, parsed.code);
  if (!code || code.streetId !== user.streetId) throw new DomainError('REDEEM.CODE_INVALID');
  if (code.userId !== user._id && code.issuedBy !== user._id) {
    try {
      await actingFor(deps.db, db, user, code.userId, 'redeem');
    } catch (e) {
      // Not theirs: the same answer as a code that does not exist.
      if (e instanceof DomainError && e.code === 'AUTH.FORBIDDEN') throw new DomainError('REDEEM.CODE_INVALID');
      throw e;
    }
  }
  return code;
}

/** The holder's page asks how its code stands (open, used — what was bought —, cancelled, expired). */
export const codeStatus: Impls<'redeem'>['code'] = {
  auth: 'registered',
  async run({ deps, user, input }) {
    const code = await ownCode(deps, deps.db, user, input.code);
    const [view] = await redemptionViews(deps.db, [code], deps.clock.now());
    return { redemption: view };
  },
};
