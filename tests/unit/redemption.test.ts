import { decideConfirm, limitLeft, offerAvailable, maskName, monthKey, parseCodeInput } from '../../cloudfunctions/core/redemption/redemption.deciders';
import type { Offer } from '../../cloudfunctions/core/redemption/redemption.model';
import { refusal } from '../support/domain';
import { merchantM1 as merchant, offerO1, openCode as code, redeemNow as now } from '../support/rule-fixtures';

const offer: Offer = { ...offerO1, perPersonMonthlyLimit: 2 };

const op = { merchantIds: ['m1'] };

describe('confirming a code', () => {
  it('given an open code of this merchant with stock and limit left, then it may be confirmed', () => {
    expect(refusal(() => decideConfirm(code, offer, merchant, op, 1, now))).toBe('allowed');
  });
  it('a used, cancelled or expired code is refused with its own code', () => {
    expect(refusal(() => decideConfirm({ ...code, status: 'used' }, offer, merchant, op, 0, now))).toBe('REDEEM.CODE_USED');
    expect(refusal(() => decideConfirm({ ...code, status: 'cancelled' }, offer, merchant, op, 0, now))).toBe('REDEEM.CODE_CANCELLED');
    expect(refusal(() => decideConfirm(code, offer, merchant, op, 0, new Date(now.getTime() + 60_000)))).toBe('REDEEM.CODE_EXPIRED');
  });
  it("another merchant's code, a suspended merchant, no stock or a used-up monthly limit are refused", () => {
    expect(refusal(() => decideConfirm(code, offer, merchant, { merchantIds: ['m2'] }, 0, now))).toBe('REDEEM.WRONG_MERCHANT');
    expect(refusal(() => decideConfirm(code, offer, { ...merchant, status: 'suspended' }, op, 0, now))).toBe('MERCHANT.SUSPENDED');
    // Stock is taken for the code before the transaction (takeStock); the last item is already counted out.
    expect(refusal(() => decideConfirm(code, { ...offer, stock: 0 }, merchant, op, 0, now))).toBe('allowed');
    expect(refusal(() => offerAvailable({ ...offer, stock: 0 }, merchant, now))).toBe('REDEEM.OUT_OF_STOCK');
    expect(refusal(() => decideConfirm(code, offer, merchant, op, 2, now))).toBe('REDEEM.LIMIT_REACHED');
    expect(refusal(() => decideConfirm(code, { ...offer, active: false }, merchant, op, 0, now))).toBe('OFFER.UNAVAILABLE');
    expect(refusal(() => decideConfirm(code, { ...offer, validUntil: new Date(now.getTime() - 1) }, merchant, op, 0, now))).toBe('OFFER.UNAVAILABLE');
  });
});

describe('what the counter types or scans', () => {
  it('8 digits or the QR content are understood; anything else is an invalid code', () => {
    expect(parseCodeInput(' 1234 5678 ')).toEqual({ kind: 'digits', digits: '12345678' });
    expect(parseCodeInput(`yqr1.${'b'.repeat(22)}`)).toEqual({ kind: 'code', code: 'b'.repeat(22) });
    expect(refusal(() => parseCodeInput('1234567'))).toBe('REDEEM.CODE_INVALID');
    expect(refusal(() => parseCodeInput('yqr1.short'))).toBe('REDEEM.CODE_INVALID');
  });
});

describe('small rules', () => {
  it('names are masked for the merchant; limits count per Beijing month', () => {
    expect(maskName('刘洋')).toBe('刘*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(monthKey(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12'); // already December in Beijing
    expect(limitLeft(offer, 1)).toBe(1);
    expect(limitLeft({ perPersonMonthlyLimit: undefined }, 9)).toBeUndefined();
  });
});
