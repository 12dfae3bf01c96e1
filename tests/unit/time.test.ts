import fc from 'fast-check';
import { IsoTime, TIME_RANGE } from '../../cloudfunctions/core/contract/common';
import { dayOf, toIso } from '../../cloudfunctions/core/time';

describe('times leaving core', () => {
  it('any time the contract accepts comes back as ISO-8601 in +08:00 and names the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: TIME_RANGE.from, max: TIME_RANGE.until - 1 }), (ms) => {
        const text = toIso(new Date(ms));
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        expect(Date.parse(text)).toBe(Math.floor(ms / 1000) * 1000);
        expect(IsoTime.safeParse(text).success).toBe(true);
        expect(text.slice(0, 10)).toBe(dayOf(new Date(ms)));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });

  it('a date ISO-8601 cannot write with four digits is a bug, not an answer', () => {
    expect(() => toIso(new Date('+010000-01-01T00:00:00Z'))).toThrow(/not a time/);
    expect(() => toIso(new Date(NaN))).toThrow(/not a time/);
  });

  it('the contract takes 2000 to 2099 only', () => {
    expect(IsoTime.safeParse('1999-12-31T23:59:59+08:00').success).toBe(false);
    expect(IsoTime.safeParse('2000-01-01T00:00:00+08:00').success).toBe(true);
    expect(IsoTime.safeParse('2099-12-31T23:59:59+08:00').success).toBe(true);
    expect(IsoTime.safeParse('2100-01-01T00:00:00+08:00').success).toBe(false);
  });
});
