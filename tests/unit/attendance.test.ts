import {
  checkActivityTimes,
  decideApproval,
  decideRejection,
  decideScan,
  distanceM,
  mayBeCheckedIn,
} from '../../cloudfunctions/core/attendance/attendance.deciders';
import { creditedMinutes, effectiveRecord } from '../../cloudfunctions/core/attendance/crediting';
import { issueToken, verifyToken } from '../../cloudfunctions/core/attendance/qr-token';
import type { User } from '../../cloudfunctions/core/identity/identity.model';
import fc from 'fast-check';
import { refusal } from '../support/domain';
import { at, buildActivity, openRecord as open } from '../support/rule-fixtures';

describe('minutes credited', () => {
  const a = buildActivity();
  it('given 09:00–11:00, when someone stays 09:00–10:50, then 105 minutes (rounded down to 15-minute units)', () => {
    expect(creditedMinutes(a, at('09:00'), at('10:50'))).toBe(105);
  });
  it('time before start − 15 min and after end + 30 min does not count', () => {
    expect(creditedMinutes(a, at('07:00'), at('09:00'))).toBe(15); // from 08:45
    expect(creditedMinutes(a, at('10:00'), at('13:00'))).toBe(90); // until 11:30
  });
  it('the activity maximum caps the credit', () => {
    expect(creditedMinutes(buildActivity({ maxMinutes: 60 }), at('09:00'), at('11:00'))).toBe(60);
  });
  it('under 15 minutes is nothing, and a check-out before the window is nothing', () => {
    expect(creditedMinutes(a, at('09:00'), at('09:14'))).toBe(0);
    expect(creditedMinutes(a, at('06:00'), at('07:00'))).toBe(0);
  });
  it('off the 15-minute grid at the early edge: time before start − 15 min is cut off to the second', () => {
    // 09:07:30–10:00; the window opens at 08:52:30.
    const offGrid = buildActivity({ startAt: new Date('2026-11-21T09:07:30+08:00'), endAt: at('10:00') });
    expect(creditedMinutes(offGrid, at('08:40'), at('09:20'))).toBe(15); // 27.5 minutes inside the window
    expect(creditedMinutes(offGrid, new Date('2026-11-21T08:52:30+08:00'), at('09:22'))).toBe(15); // 29.5
    expect(creditedMinutes(offGrid, new Date('2026-11-21T08:52:30+08:00'), new Date('2026-11-21T09:22:30+08:00'))).toBe(30);
    expect(creditedMinutes(offGrid, new Date('2026-11-21T08:52:29+08:00'), new Date('2026-11-21T09:22:30+08:00'))).toBe(30);
  });
  it('properties: whole 15-minute units, never more than the time inside the window or the maximum; arriving earlier than the window changes nothing', () => {
    const minute = 60_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24 * 60 * 60 }), // start, seconds after midnight
        fc.integer({ min: 1, max: 24 * 60 * 60 }), // length, seconds
        fc.integer({ min: -3 * 3600, max: 27 * 3600 }), // check-in, seconds after start
        fc.integer({ min: 0, max: 27 * 3600 }), // stay, seconds
        fc.option(
          fc.integer({ min: 1, max: 96 }).map((units) => units * 15),
          { nil: undefined },
        ),
        (start, length, inAfter, stay, maxMinutes) => {
          const startAt = new Date(Date.UTC(2026, 10, 21) + start * 1000);
          const activity = { startAt, endAt: new Date(startAt.getTime() + length * 1000), maxMinutes };
          const checkIn = new Date(startAt.getTime() + inAfter * 1000);
          const checkOut = new Date(checkIn.getTime() + stay * 1000);
          const credit = creditedMinutes(activity, checkIn, checkOut);
          const windowFrom = startAt.getTime() - 15 * minute;
          const windowTo = activity.endAt.getTime() + 30 * minute;
          const inside = Math.max(0, Math.min(checkOut.getTime(), windowTo) - Math.max(checkIn.getTime(), windowFrom)) / minute;
          expect(credit % 15).toBe(0);
          expect(credit).toBeLessThanOrEqual(inside);
          if (maxMinutes !== undefined) expect(credit).toBeLessThanOrEqual(maxMinutes);
          if (maxMinutes === undefined || credit < maxMinutes) expect(inside - credit).toBeLessThan(15);
          if (checkIn.getTime() < windowFrom) expect(credit).toBe(creditedMinutes(activity, new Date(windowFrom), checkOut));
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });
  it('with no check-out, after end + 30 min the record closes at the scheduled end and is flagged', () => {
    const r = open({ checkInAt: at('09:10') });
    expect(effectiveRecord(r, a, at('11:30'))).toBe(r); // still within the grace period
    expect(effectiveRecord(r, a, at('11:31'))).toMatchObject({ status: 'pending', checkOutAt: at('11:00'), creditedMinutes: 105, flags: ['no-checkout'] });
  });
});

describe('the rotating QR token', () => {
  const secret = 'test-secret-of-enough-length';
  it('is good in its 30-second window and the next, then expires', () => {
    const t0 = new Date(Date.UTC(2026, 10, 21, 1, 0, 0));
    const { token, refreshInSeconds } = issueToken(secret, 'a1', 'in', t0);
    expect(refreshInSeconds).toBe(30);
    expect(verifyToken(secret, token, t0)).toEqual({ activityId: 'a1', kind: 'in' });
    expect(verifyToken(secret, token, new Date(t0.getTime() + 59_000))).toEqual({ activityId: 'a1', kind: 'in' });
    expect(refusal(() => verifyToken(secret, token, new Date(t0.getTime() + 60_000)))).toBe('CHECKIN.TOKEN_EXPIRED');
  });
  it('a token from a window that has not begun is invalid (not yet shown on any screen)', () => {
    const t0 = new Date(Date.UTC(2026, 10, 21, 1, 0, 0)); // a window's first moment
    const { token } = issueToken(secret, 'a1', 'in', new Date(t0.getTime() + 30_000));
    expect(refusal(() => verifyToken(secret, token, t0))).toBe('CHECKIN.TOKEN_INVALID');
    expect(refusal(() => verifyToken(secret, token, new Date(t0.getTime() + 29_999)))).toBe('CHECKIN.TOKEN_INVALID');
    expect(verifyToken(secret, token, new Date(t0.getTime() + 30_000))).toEqual({ activityId: 'a1', kind: 'in' });
    const far = issueToken(secret, 'a1', 'in', new Date(t0.getTime() + 3600_000)).token;
    expect(refusal(() => verifyToken(secret, far, t0))).toBe('CHECKIN.TOKEN_INVALID');
    // The previous window's token is good to its last millisecond, and not one after.
    const previous = issueToken(secret, 'a1', 'in', new Date(t0.getTime() - 1)).token;
    expect(verifyToken(secret, previous, new Date(t0.getTime() + 29_999))).toEqual({ activityId: 'a1', kind: 'in' });
    expect(refusal(() => verifyToken(secret, previous, new Date(t0.getTime() + 30_000)))).toBe('CHECKIN.TOKEN_EXPIRED');
  });
  it('a forged signature, another secret, an edited activity or kind, or garbage are invalid', () => {
    const now = new Date();
    const { token } = issueToken(secret, 'a1', 'in', now);
    expect(refusal(() => verifyToken('another-secret-of-enough-length', token, now))).toBe('CHECKIN.TOKEN_INVALID');
    expect(refusal(() => verifyToken(secret, token.replace('.a1.', '.a2.'), now))).toBe('CHECKIN.TOKEN_INVALID');
    expect(refusal(() => verifyToken(secret, token.replace('.in.', '.out.'), now))).toBe('CHECKIN.TOKEN_INVALID');
    expect(refusal(() => verifyToken(secret, `${token.slice(0, -2)}xx`, now))).toBe('CHECKIN.TOKEN_INVALID');
    expect(refusal(() => verifyToken(secret, 'hello', now))).toBe('CHECKIN.TOKEN_INVALID');
  });
});

describe('scanning', () => {
  const a = buildActivity({ lat: 39.924, lng: 116.434, radiusM: 200 });
  const here = { lat: 39.9241, lng: 116.4342 };
  it('a second check-in returns the existing record unchanged', () => {
    const first = decideScan(a, null, { kind: 'in', userId: 'u1', operatorId: 'u1', method: 'qr', position: here }, at('09:01'));
    expect(first.changed).toBe(true);
    const again = decideScan(a, first.record, { kind: 'in', userId: 'u1', operatorId: 'u1', method: 'qr', position: here }, at('09:05'));
    expect(again).toEqual({ record: first.record, changed: false });
  });
  it('check-out before check-in is refused', () => {
    expect(refusal(() => decideScan(a, null, { kind: 'out', userId: 'u1', operatorId: 'u1', method: 'qr', position: here }, at('10:00')))).toBe(
      'CHECKIN.NOT_CHECKED_IN',
    );
  });
  it('a scan outside the radius is refused; without a position it passes but is flagged for staff', () => {
    expect(distanceM(here, { lat: 39.924, lng: 116.434 })).toBeLessThan(30);
    expect(
      refusal(() => decideScan(a, null, { kind: 'in', userId: 'u1', operatorId: 'u1', method: 'qr', position: { lat: 39.95, lng: 116.434 } }, at('09:00'))),
    ).toBe('CHECKIN.OUT_OF_RANGE');
    expect(decideScan(a, null, { kind: 'in', userId: 'u1', operatorId: 'u1', method: 'qr' }, at('09:00')).record.flags).toEqual(['no-location']);
  });
  it('check-out closes the record as pending with its credit, and records who did it', () => {
    const { record } = decideScan(a, open(), { kind: 'out', userId: 'u1', operatorId: 'u-staff', method: 'manual' }, at('10:40'));
    expect(record).toMatchObject({
      status: 'pending',
      checkOutAt: at('10:40'),
      creditedMinutes: 90,
      checkOutMethod: 'manual',
      checkOutOperatorId: 'u-staff',
      method: 'qr',
      operatorId: 'u1',
    });
  });
});

describe('when an activity may be', () => {
  const now = new Date('2026-11-22T10:00:00+08:00');
  const h = 3600_000;
  const d = 24 * h;
  const times = (startFromNow: number, length: number) =>
    refusal(() => checkActivityTimes(new Date(now.getTime() + startFromNow), new Date(now.getTime() + startFromNow + length), now));
  it('ends after it starts and lasts at most 24 hours', () => {
    expect(times(0, 0)).toBe('ACTIVITY.INVALID_TIME');
    expect(times(0, 24 * h + 60_000)).toBe('ACTIVITY.INVALID_TIME');
    expect(() => checkActivityTimes(now, new Date(now.getTime() + 24 * h), now)).not.toThrow();
  });
  it('starts at most 30 days ago and at most a year ahead, edges included', () => {
    expect(() => checkActivityTimes(new Date(now.getTime() - 30 * d), new Date(now.getTime() - 30 * d + h), now)).not.toThrow();
    expect(times(-30 * d - 60_000, h)).toBe('ACTIVITY.INVALID_TIME');
    expect(() => checkActivityTimes(new Date(now.getTime() + 366 * d), new Date(now.getTime() + 366 * d + h), now)).not.toThrow();
    expect(times(366 * d + 60_000, h)).toBe('ACTIVITY.INVALID_TIME');
  });
});

describe('who scans in', () => {
  const person = (id: string, ...roles: string[]) => ({ _id: id, roles: roles.map((role) => ({ role, scope: 'c-xinxian' })) }) as unknown as User;
  it('a volunteer scans for themselves; anyone else only for an elder they hold', () => {
    expect(() => mayBeCheckedIn(person('v', 'volunteer'), person('v', 'volunteer'))).not.toThrow();
    for (const role of ['resident', 'merchant', 'committee', 'staff'])
      expect(refusal(() => mayBeCheckedIn(person('x', role), person('x', role)))).toBe('AUTH.FORBIDDEN');
    expect(() => mayBeCheckedIn(person('p', 'resident'), person('e', 'resident'))).not.toThrow();
  });
});

describe('approval', () => {
  const a = buildActivity();
  const pending = open({ status: 'pending', checkOutAt: at('11:00'), creditedMinutes: 120 });
  it('given a pending record, when staff approve it, then it is approved with approver and time', () => {
    expect(decideApproval(a, pending, 'u-staff', at('12:00'))).toMatchObject({
      status: 'approved',
      approverId: 'u-staff',
      approvedAt: at('12:00'),
      creditedMinutes: 120,
    });
  });
  it('approving an approved record changes nothing; an open or rejected one is refused', () => {
    expect(decideApproval(a, { ...pending, status: 'approved' }, 'u-staff', at('12:00'))).toBeNull();
    expect(refusal(() => decideApproval(a, open(), 'u-staff', at('10:00')))).toBe('HOURS.STILL_OPEN');
    expect(refusal(() => decideApproval(a, { ...pending, status: 'rejected' }, 'u-staff', at('12:00')))).toBe('HOURS.NOT_PENDING');
  });
  it('nobody approves or rejects their own hours', () => {
    const mine = { ...pending, userId: 'u-staff' };
    expect(refusal(() => decideApproval(a, mine, 'u-staff', at('12:00')))).toBe('HOURS.OWN_RECORD');
    expect(refusal(() => decideRejection(a, mine, 'u-staff', '无', at('12:00')))).toBe('HOURS.OWN_RECORD');
    expect(decideApproval(a, mine, 'u-admin', at('12:00'))?.status).toBe('approved');
  });
  it('rejection keeps the reason; only a pending record can be rejected', () => {
    expect(decideRejection(a, pending, 'u-staff', '没有到场', at('12:00'))).toMatchObject({
      status: 'rejected',
      rejectReason: '没有到场',
      rejectedBy: 'u-staff',
    });
    expect(refusal(() => decideRejection(a, { ...pending, status: 'approved' }, 'u-staff', '晚了', at('12:00')))).toBe('HOURS.NOT_PENDING');
  });
});
