import {
  checkActivityTimes,
  decideRejection,
  decideApproval,
  decideScan,
  distanceM,
  mayBeCheckedIn,
} from '../../cloudfunctions/core/attendance/attendance.deciders';
import { attendanceId, signupId } from '../../cloudfunctions/core/attendance/attendance.model';
import { issueToken, verifyToken } from '../../cloudfunctions/core/attendance/qr-token';
import { refused } from '../support/domain';
import type { User } from '../../cloudfunctions/core/identity/identity.model';
import { at, buildActivity as activity, openRecord as open } from '../support/rule-fixtures';

/**
 * The attendance rules' edges that attendance.test.ts leaves open, found by mutation testing
 * (docs/mutation.md): each test names the wrong rule it catches.
 */
const plus = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
const GRACE = 30 * 60_000;
const place = { lat: 39.924, lng: 116.434 };
const fenced = activity({ ...place, radiusM: 200 });
const scanIn = { kind: 'in' as const, userId: 'u1', operatorId: 'u1', method: 'qr' as const };
const scanOut = { ...scanIn, kind: 'out' as const };

describe('who scans in', () => {
  it('a volunteer who is also a resident of the community may scan for themselves', () => {
    const both = {
      _id: 'v',
      roles: [
        { role: 'resident', scope: 'c-a' },
        { role: 'volunteer', scope: 'c-a' },
      ],
    } as unknown as User;
    expect(() => mayBeCheckedIn(both, both)).not.toThrow();
  });
  it('anyone else is told that only volunteers scan, and proxies for their elders', () => {
    const resident = { _id: 'r', roles: [{ role: 'resident', scope: 'c-a' }] } as unknown as User;
    expect(refused(() => mayBeCheckedIn(resident, resident))).toEqual({
      code: 'AUTH.FORBIDDEN',
      message: '只有志愿者可以扫码签到（代持人可以为代持的长者扫码）',
    });
  });
});

describe('when an activity may be: each refusal names the field and says why', () => {
  const now = at('10:00');
  const h = 3600_000;
  const d = 24 * h;
  const times = (startFromNow: number, length: number) => refused(() => checkActivityTimes(plus(now, startFromNow), plus(now, startFromNow + length), now));
  it('the end before the start', () => {
    expect(times(h, -h)).toEqual({
      code: 'ACTIVITY.INVALID_TIME',
      message: '结束时间要晚于开始时间',
      details: { fields: [{ path: 'endAt', message: '结束时间要晚于开始时间' }] },
    });
  });
  it('longer than 24 hours: a short note under the field, a longer explanation above', () => {
    expect(times(h, 25 * h)).toEqual({
      code: 'ACTIVITY.INVALID_TIME',
      message: '一次活动最长 24 小时，更长的请分成几次发布',
      details: { fields: [{ path: 'endAt', message: '最长 24 小时' }] },
    });
  });
  it('more than 30 days ago, or more than a year ahead', () => {
    expect(times(-31 * d, h)).toEqual({
      code: 'ACTIVITY.INVALID_TIME',
      message: '只能补登 30 天内的活动',
      details: { fields: [{ path: 'startAt', message: '只能补登 30 天内的活动' }] },
    });
    expect(times(367 * d, h)).toEqual({
      code: 'ACTIVITY.INVALID_TIME',
      message: '最多提前一年发布',
      details: { fields: [{ path: 'startAt', message: '最多提前一年发布' }] },
    });
  });
});

describe('distance', () => {
  it('one degree of latitude is 111.2 km; one of longitude at 60° north is half that', () => {
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, 0);
    expect(distanceM({ lat: 60, lng: 10 }, { lat: 60, lng: 11 })).toBeCloseTo(55_597, -1);
  });
});

describe('where a scan may be made', () => {
  it('a scan exactly at the radius is in range', () => {
    const here = { lat: 39.9255, lng: 116.434 };
    const edge = activity({ ...place, radiusM: distanceM(here, place) });
    expect(decideScan(edge, null, { ...scanIn, position: here }, at('09:00')).changed).toBe(true);
    expect(refused(() => decideScan(activity({ ...place, radiusM: edge.radiusM! - 0.01 }), null, { ...scanIn, position: here }, at('09:00'))).code).toBe(
      'CHECKIN.OUT_OF_RANGE',
    );
  });
  it('an activity without a full place (radius, latitude and longitude) checks no position and flags nothing', () => {
    for (const partial of [
      activity({ lat: place.lat, lng: place.lng }),
      activity({ lng: place.lng, radiusM: 200 }),
      activity({ lat: place.lat, radiusM: 200 }),
    ]) {
      expect(decideScan(partial, null, scanIn, at('09:00')).record.flags).toEqual([]);
      expect(decideScan(partial, null, { ...scanIn, position: { lat: 0, lng: 0 } }, at('09:00')).record.flags).toEqual([]);
    }
  });
  it('staff checking someone in or out by hand need no position, however far away they are', () => {
    const manual = { ...scanIn, operatorId: 'u-staff', method: 'manual' as const };
    expect(decideScan(fenced, null, manual, at('09:00')).record.flags).toEqual([]);
    expect(decideScan(fenced, null, { ...manual, position: { lat: 0, lng: 0 } }, at('09:00')).record.flags).toEqual([]);
    expect(decideScan(fenced, open(), { ...manual, kind: 'out' }, at('10:00')).record.flags).toEqual([]);
  });
});

describe('checking in', () => {
  it('the new record is open, for this person and activity, reviewable when the activity closes by itself', () => {
    const { record, changed } = decideScan(fenced, null, { ...scanIn, operatorId: 'proxy', method: 'proxy', position: place }, at('08:50'));
    expect(changed).toBe(true);
    expect(record).toEqual({
      _id: 'a1:u1',
      activityId: 'a1',
      communityId: 'c-a',
      streetId: 's-1',
      userId: 'u1',
      checkInAt: at('08:50'),
      method: 'proxy',
      operatorId: 'proxy',
      status: 'open',
      flags: [],
      reviewAt: at('11:30'),
      createdAt: at('08:50'),
    });
  });
  it('is open until the end plus 30 minutes, to the millisecond', () => {
    const a = activity();
    expect(decideScan(a, null, scanIn, plus(a.endAt, GRACE)).record.status).toBe('open');
    expect(refused(() => decideScan(a, null, scanIn, plus(a.endAt, GRACE + 1)))).toEqual({ code: 'CHECKIN.NOT_OPEN', message: '活动还没开始签到或已经结束' });
  });
  it('a check-in scanned again after the record closed by itself returns the closed record, to be saved', () => {
    const a = activity();
    const { record, changed } = decideScan(a, open({ checkInAt: at('09:10') }), scanIn, at('12:00'));
    expect(changed).toBe(true);
    expect(record).toMatchObject({ status: 'pending', checkOutAt: at('11:00'), creditedMinutes: 105, flags: ['no-checkout'] });
  });
});

describe('checking out', () => {
  it('the first check-out changes the record; scanning it again changes nothing', () => {
    const first = decideScan(activity(), open(), scanOut, at('10:30'));
    expect(first.changed).toBe(true);
    expect(first.record).toMatchObject({ status: 'pending', checkOutAt: at('10:30'), reviewAt: at('10:30'), creditedMinutes: 90 });
    expect(decideScan(activity(), first.record, scanOut, at('10:45'))).toEqual({ record: first.record, changed: false });
  });
  it('a check-out after the record closed by itself keeps the scheduled end, and the record is saved closed', () => {
    const { record, changed } = decideScan(activity(), open(), scanOut, at('12:00'));
    expect(changed).toBe(true);
    expect(record).toMatchObject({ status: 'pending', checkOutAt: at('11:00'), creditedMinutes: 120, flags: ['no-checkout'] });
  });
  it("keeps the check-in's flags, and adds a flag once however often it is raised", () => {
    expect(decideScan(fenced, open({ flags: ['no-location'] }), { ...scanOut, position: place }, at('10:00')).record.flags).toEqual(['no-location']);
    expect(decideScan(fenced, open({ flags: ['no-location'] }), scanOut, at('10:00')).record.flags).toEqual(['no-location']);
    expect(decideScan(fenced, open(), scanOut, at('10:00')).record.flags).toEqual(['no-location']);
  });
});

describe('review refusals', () => {
  const pending = open({ status: 'pending', checkOutAt: at('11:00'), creditedMinutes: 120 });
  it('a rejected record cannot be approved after all, and says so', () => {
    expect(refused(() => decideApproval(activity(), { ...pending, status: 'rejected' }, 'u-staff', at('12:00')))).toEqual({
      code: 'HOURS.NOT_PENDING',
      message: '这条记录已被驳回，不能再通过',
    });
  });
  it('a record still open cannot be rejected yet', () => {
    expect(refused(() => decideRejection(activity(), open(), 'u-staff', '没来', at('10:00')))).toEqual({
      code: 'HOURS.STILL_OPEN',
      message: '志愿者还没签退，活动结束后才能审核',
    });
  });
});

describe('the rotating QR token, at its edges', () => {
  const secret = 'test-secret-of-enough-length';
  const t0 = new Date(Date.UTC(2026, 10, 21, 1, 0, 0)); // a window's first moment
  it('expires at the end of the window after its own', () => {
    expect(issueToken(secret, 'a1', 'in', t0).expiresAt).toEqual(plus(t0, 60_000));
    expect(issueToken(secret, 'a1', 'in', plus(t0, 29_999)).expiresAt).toEqual(plus(t0, 60_000));
  });
  it('a scanner that adds spaces or a line break around the content is understood', () => {
    const { token } = issueToken(secret, 'a1', 'out', t0);
    expect(verifyToken(secret, ` ${token}\n`, t0)).toEqual({ activityId: 'a1', kind: 'out' });
  });
  it('anything before or after the token makes it invalid', () => {
    const { token } = issueToken(secret, 'a1', 'in', t0);
    expect(refused(() => verifyToken(secret, `x${token}`, t0)).code).toBe('CHECKIN.TOKEN_INVALID');
    expect(refused(() => verifyToken(secret, `${token}!`, t0)).code).toBe('CHECKIN.TOKEN_INVALID');
  });
  it('a signature of the wrong length is invalid, not a crash', () => {
    const { token } = issueToken(secret, 'a1', 'in', t0);
    const short = token.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAA');
    expect(refused(() => verifyToken(secret, short, t0))).toEqual({ code: 'CHECKIN.TOKEN_INVALID', message: '这个二维码无效，请扫描活动现场的签到码' });
  });
});

describe('stored keys', () => {
  it('one attendance record and one sign-up per person per activity, keyed activity:person', () => {
    expect(attendanceId('a1', 'u1')).toBe('a1:u1');
    expect(signupId('a1', 'u1')).toBe('a1:u1');
  });
});
