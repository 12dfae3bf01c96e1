import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import type { User } from '../identity/identity.model';
import type { Deps } from '../runtime';
import { parseCodeInput } from './redemption.deciders';
import { GUESSES_PER_OPERATOR, GUESSES_PER_STREET, type RedeemCode } from './redemption.model';
import { codeByDigits, codes, returnGuess, takeGuess } from './redemption.repository';

/**
 * Finds the code a merchant entered. Typed digits can be guessed, so each is a guess taken
 * before it is looked at — from the operator's window (5 a minute) and the street's (30 a
 * minute, so many operators together cannot multiply the rate) — and given back when it
 * names a code (used and cancelled ones too: a retry of a used code is not a guess). With no
 * guess left the answer is REDEEM.THROTTLED, whatever the digits. A QR code's 128 bits cannot
 * be guessed and take nothing. `guessed: false` looks the code up again inside the transaction
 * of a confirm whose guess was already taken.
 */
export async function codeFromInput(deps: Deps, db: DbLike, operator: User, text: string, opts: { guessed?: boolean } = {}): Promise<RedeemCode> {
  const input = parseCodeInput(text);
  if (input.kind === 'code') {
    const code = await codes.get(db, input.code);
    if (!code || code.streetId !== operator.streetId) throw new DomainError('REDEEM.CODE_INVALID');
    return code;
  }
  const now = deps.clock.now();
  const mine = `guess:${operator._id}`;
  const street = `guess:${operator.streetId}`;
  if (opts.guessed !== false) {
    if (!(await takeGuess(deps.db, mine, GUESSES_PER_OPERATOR, now))) throw new DomainError('REDEEM.THROTTLED');
    if (!(await takeGuess(deps.db, street, GUESSES_PER_STREET, now))) {
      await returnGuess(deps.db, mine, now);
      throw new DomainError('REDEEM.THROTTLED', '这会儿输错的人太多了，请一分钟后再试');
    }
  }
  const code = await codeByDigits(db, input.digits);
  if (!code || code.streetId !== operator.streetId || code.digits !== input.digits) throw new DomainError('REDEEM.CODE_INVALID');
  if (opts.guessed !== false) {
    await returnGuess(deps.db, mine, now);
    await returnGuess(deps.db, street, now);
  }
  return code;
}
