import { DomainError } from '../../cloudfunctions/core/errors';
import { decideConfirm, maskName, offerAvailable, parseCodeInput } from '../../cloudfunctions/core/redemption/redemption.deciders';
import { countDocId, digitsDocId, merchantDayId, qrContent } from '../../cloudfunctions/core/redemption/redemption.model';

/**
 * The redemption rules' edges that redemption.test.ts leaves open, found by mutation testing
 * (docs/mutation.md): each test names the wrong rule it catches.
 */
import { merchantM1 as merchant, offerO1 as offer, openCode as code, redeemNow as now } from '../support/rule-fixtures';

const codeId = 'abcDEF123_-abcDEF123_-';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'allowed';
}

describe('what the counter types or scans', () => {
  it('more or fewer than 8 digits are not a code', () => {
    expect(refusal(() => parseCodeInput('123456789'))).toBe('REDEEM.CODE_INVALID');
    expect(refusal(() => parseCodeInput('1234567890'))).toBe('REDEEM.CODE_INVALID');
    expect(refusal(() => parseCodeInput('12345678x'))).toBe('REDEEM.CODE_INVALID');
  });
  it('the QR content is understood with or without its yqr1. prefix, and is what an issued code shows', () => {
    expect(qrContent(codeId)).toBe(`yqr1.${codeId}`);
    expect(parseCodeInput(qrContent(codeId))).toEqual({ kind: 'code', code: codeId });
    expect(parseCodeInput(codeId)).toEqual({ kind: 'code', code: codeId });
  });
  it('anything before the code, another prefix, or a longer code is not a code', () => {
    expect(refusal(() => parseCodeInput(`x${codeId}`))).toBe('REDEEM.CODE_INVALID');
    expect(refusal(() => parseCodeInput(`yqr2.${codeId}`))).toBe('REDEEM.CODE_INVALID');
    expect(refusal(() => parseCodeInput(`yqr1.${codeId}x`))).toBe('REDEEM.CODE_INVALID');
  });
});

describe('whether an offer can be had', () => {
  it('an offer in stock, of an active merchant, on sale and in date is available, to its last item and its last moment', () => {
    expect(refusal(() => offerAvailable(offer, merchant, now))).toBe('allowed');
    expect(refusal(() => offerAvailable({ ...offer, stock: 1, validUntil: now }, merchant, now))).toBe('allowed');
    expect(refusal(() => offerAvailable({ ...offer, validUntil: new Date(now.getTime() + 86_400_000) }, merchant, now))).toBe('allowed');
  });
  it('an offer whose merchant is gone is refused as such', () => {
    expect(refusal(() => offerAvailable(offer, null, now))).toBe('MERCHANT.NOT_FOUND');
  });
  it("an offer of another shop is refused, even when the code and the operator's shop agree", () => {
    expect(refusal(() => decideConfirm(code, { ...offer, merchantId: 'm2' }, merchant, { merchantIds: ['m1'] }, 0, now))).toBe('REDEEM.WRONG_MERCHANT');
  });
});

describe('what the merchant sees of the holder', () => {
  it('a one-character name still hides that it is one; no name at all is a star', () => {
    expect(maskName('刘')).toBe('刘*');
    expect(maskName('')).toBe('*');
  });
});

describe('stored keys', () => {
  it('the digits index, the monthly count and the till-day documents', () => {
    expect(digitsDocId('12345678')).toBe('rd-12345678');
    expect(countDocId('o1', 'u1', '2026-11')).toBe('o1:u1:2026-11');
    expect(merchantDayId('m1', '2026-11-21', 'op')).toBe('m1:2026-11-21:op');
  });
});
