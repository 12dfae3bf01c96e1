import type { DbLike } from '../db/tx';
import { inTransaction } from '../db/tx';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import type { Deps } from '../runtime';
import { parseCodeInput, throttleAfterFailure, throttleCheck } from './redemption.deciders';
import type { RedeemCode } from './redemption.model';
import { codeByDigits, codes, throttles } from './redemption.repository';

/**
 * Finds the code a merchant entered. Wrong digits count against the operator (5 a minute
 * and they wait a minute), recorded in a transaction of their own so that the refusal of
 * the request does not roll the count back.
 */
export async function codeFromInput(deps: Deps, db: DbLike, operator: User, text: string, opts: { throttled?: boolean } = {}): Promise<RedeemCode> {
  const throttleId = `redeem:${operator._id}`;
  const now = deps.clock.now();
  if (opts.throttled !== false) throttleCheck(await throttles.get(deps.db, throttleId), now);
  const input = parseCodeInput(text);
  const code = input.kind === 'digits' ? await codeByDigits(db, input.digits) : await codes.get(db, input.code);
  if (!code || code.streetId !== operator.streetId || (input.kind === 'digits' && code.digits !== input.digits)) {
    if (input.kind === 'digits') {
      await inTransaction(deps.db, async (tx) => {
        await throttles.put(tx, throttleAfterFailure(await throttles.get(tx, throttleId), throttleId, now));
      });
    }
    throw new DomainError('REDEEM.CODE_INVALID');
  }
  return code;
}
