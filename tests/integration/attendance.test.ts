import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
let staff: string;
let vol1: string;
beforeAll(async () => {
  gw = await startTestGateway();
  staff = await gw.login('u-staff');
  vol1 = await gw.login('u-vol-1');
});
afterAll(async () => {
  await gw.stop();
});

const advance = async (minutes: number): Promise<void> => {
  await fetch(`${gw.url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: minutes }) });
};
const serverNow = async (): Promise<Date> => new Date((await (await fetch(`${gw.url}/api/dev/clock`)).json()).data.now);

async function createActivity(over: Record<string, unknown> = {}, startInMinutes = 0, lengthMinutes = 120): Promise<string> {
  const now = await serverNow();
  const r = await gw.call(
    staff,
    'activity',
    'create',
    {
      communityId: 'c-xinxian',
      title: '社区助老服务',
      startAt: new Date(now.getTime() + startInMinutes * 60_000).toISOString(),
      endAt: new Date(now.getTime() + (startInMinutes + lengthMinutes) * 60_000).toISOString(),
      place: '新鲜社区活动室',
      ...over,
    },
    newRequestId(),
  );
  expect(r.body.ok).toBe(true);
  return r.body.data.activity.id;
}
const token = async (activityId: string, kind: 'in' | 'out'): Promise<string> => (await gw.call(staff, 'checkin', 'qr', { activityId, kind })).body.data.token;
const scan = (who: string, t: string, extra: object = {}) => gw.call(who, 'checkin', 'scan', { token: t, ...extra }, newRequestId());
const balance = async (who: string): Promise<number> => (await gw.call(who, 'wallet', 'balance', {})).body.data.balanceMinutes;

describe('activities', () => {
  it('staff create an activity; volunteers see it and sign up within capacity', async () => {
    const id = await createActivity({ capacity: 2 }, 60);
    const list = await gw.call(vol1, 'activity', 'list', { communityId: 'c-xinxian' });
    expect(list.body.data.items.map((a: { id: string }) => a.id)).toContain(id);
    // A time range: the activity starts in an hour, so it is in [now, now + 2 h) and not in [now + 2 h, …).
    const now = await serverNow();
    const inRange = await gw.call(vol1, 'activity', 'list', { from: now.toISOString(), to: new Date(now.getTime() + 7200_000).toISOString() });
    expect(inRange.body.data.items.map((a: { id: string }) => a.id)).toContain(id);
    const later = await gw.call(vol1, 'activity', 'list', { from: new Date(now.getTime() + 7200_000).toISOString() });
    expect(later.body.data.items.map((a: { id: string }) => a.id)).not.toContain(id);
    const one = await gw.call(vol1, 'activity', 'signup', { activityId: id }, newRequestId());
    expect(one.body.data.activity).toMatchObject({ signedUp: 1, mine: true, canManage: false });
    // Only staff of its community (or the street admin) run it: codes and attendance.
    expect((await gw.call(staff, 'activity', 'get', { activityId: id })).body.data.activity.canManage).toBe(true);
    expect((await gw.call(await gw.login('u-admin'), 'activity', 'get', { activityId: id })).body.data.activity.canManage).toBe(true);
    expect((await gw.call(await gw.login('u-staff-chaoxi'), 'activity', 'get', { activityId: id })).body.data.activity.canManage).toBe(false);
    const again = await gw.call(vol1, 'activity', 'signup', { activityId: id }, newRequestId());
    expect(again.body.data.activity.signedUp).toBe(1);
    await gw.call(await gw.login('u-vol-2'), 'activity', 'signup', { activityId: id }, newRequestId());
    const full = await gw.call(await gw.login('u-vol-3'), 'activity', 'signup', { activityId: id }, newRequestId());
    expect(full.body.error.code).toBe('ACTIVITY.FULL');
  });

  it('only staff of the community create activities; a bad time range is refused with its own code', async () => {
    const now = await serverNow();
    const input = { communityId: 'c-xinxian', title: '测试活动', startAt: now.toISOString(), endAt: new Date(now.getTime() + 3600_000).toISOString() };
    expect((await gw.call(vol1, 'activity', 'create', input, newRequestId())).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await gw.call(await gw.login('u-staff-chaoxi'), 'activity', 'create', input, newRequestId())).body.error.code).toBe('AUTH.FORBIDDEN');
    const backwards = await gw.call(staff, 'activity', 'create', { ...input, endAt: input.startAt }, newRequestId());
    expect(backwards.body.error.code).toBe('ACTIVITY.INVALID_TIME');
    const radiusOnly = await gw.call(staff, 'activity', 'create', { ...input, radiusM: 100 }, newRequestId());
    expect(radiusOnly.body.error.details.fields[0].path).toBe('radiusM');
  });

  it("times out of range are refused with the field named, and nothing is created (the probe's year 0000 to 9999)", async () => {
    const now = await serverNow();
    const before = (await gw.db.collection('activities').count()).total;
    const base = { communityId: 'c-xinxian', title: '时间范围测试' };
    const day = 86_400_000;
    const at = (ms: number) => new Date(ms).toISOString();
    const cases: Array<[object, string, string, string]> = [
      [{ startAt: '0000-01-01T00:00:00+08:00', endAt: '9999-12-31T23:59:00+08:00' }, 'INPUT.INVALID', 'startAt', '时间超出范围（2000 年到 2099 年）'],
      [{ startAt: at(now.getTime()), endAt: '9999-12-31T23:59:00+08:00' }, 'INPUT.INVALID', 'endAt', '时间超出范围（2000 年到 2099 年）'],
      [{ startAt: at(now.getTime()), endAt: at(now.getTime() + 2 * day) }, 'ACTIVITY.INVALID_TIME', 'endAt', '最长 24 小时'],
      [{ startAt: at(now.getTime() - 31 * day), endAt: at(now.getTime() - 31 * day + 3600_000) }, 'ACTIVITY.INVALID_TIME', 'startAt', '只能补登 30 天内的活动'],
      [{ startAt: at(now.getTime() + 400 * day), endAt: at(now.getTime() + 400 * day + 3600_000) }, 'ACTIVITY.INVALID_TIME', 'startAt', '最多提前一年发布'],
    ];
    for (const [times, code, path, message] of cases) {
      const r = await gw.call(staff, 'activity', 'create', { ...base, ...times }, newRequestId());
      expect({ code: r.body.error?.code, field: r.body.error?.details?.fields?.find((f: { path: string }) => f.path === path)?.message }).toEqual({
        code,
        field: message,
      });
    }
    expect((await gw.db.collection('activities').count()).total).toBe(before);
    // Within the window: last week's activity, recorded afterwards, comes back in +08:00.
    const lastWeek = await gw.call(
      staff,
      'activity',
      'create',
      { ...base, startAt: at(now.getTime() - 7 * day), endAt: at(now.getTime() - 7 * day + 3600_000) },
      newRequestId(),
    );
    expect(lastWeek.body.data.activity.startAt).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    // Lists filtered by time take the same bounds.
    expect((await gw.call(staff, 'activity', 'list', { from: '0000-01-01T00:00:00+08:00' })).body.error.code).toBe('INPUT.INVALID');
  });
});

describe('QR check-in and check-out', () => {
  it('a volunteer checks in and out with the rotating code; the record keeps method and operator; credit follows the rule', async () => {
    const id = await createActivity({ maxMinutes: 90 });
    const inRes = await scan(vol1, await token(id, 'in'));
    expect(inRes.body.data.attendance).toMatchObject({ activityId: id, userId: 'u-vol-1', status: 'open', method: 'qr', flags: [] });
    const repeat = await scan(vol1, await token(id, 'in'));
    expect(repeat.body.data.attendance.checkInAt).toBe(inRes.body.data.attendance.checkInAt);
    await advance(100);
    const out = await scan(vol1, await token(id, 'out'));
    expect(out.body.data.attendance).toMatchObject({ status: 'pending', creditedMinutes: 90, countedMinutes: 100, maxMinutes: 90 });
  });

  it('a record says how its minutes became coins: 63 minutes inside the window count as 60 (whole 15-minute units)', async () => {
    const id = await createActivity({}, 0, 120);
    await scan(vol1, await token(id, 'in'));
    await advance(63);
    const out = (await scan(vol1, await token(id, 'out'))).body.data.attendance;
    expect(out).toMatchObject({ countedMinutes: 63, creditedMinutes: 60 });
    expect(out.maxMinutes).toBeUndefined();
    const mine = await gw.call(vol1, 'hours', 'mine', {});
    expect(mine.body.data.items.find((i: { activityId: string }) => i.activityId === id)).toMatchObject({ countedMinutes: 63, creditedMinutes: 60 });
    // Every answer carries the server's clock, so screens count down on it.
    expect(Math.abs(Date.parse(mine.body.now) - gw.now().getTime())).toBeLessThan(5_000);
  });

  it('50 concurrent scans by one volunteer make one record', async () => {
    const id = await createActivity();
    const t = await token(id, 'in');
    const vol2 = await gw.login('u-vol-2');
    const answers = await Promise.all(Array.from({ length: 50 }, () => scan(vol2, t)));
    expect(answers.every((a) => a.body.ok)).toBe(true);
    expect(new Set(answers.map((a) => a.body.data.attendance.checkInAt)).size).toBe(1);
    expect((await gw.db.collection('attendance').where({ activityId: id, userId: 'u-vol-2' }).count()).total).toBe(1);
  });

  it('forged, expired and out-of-order scans each get their own code and change nothing', async () => {
    const id = await createActivity();
    const vol3 = await gw.login('u-vol-3');
    const t = await token(id, 'in');
    const forged = await scan(vol3, `${t.slice(0, -3)}abc`);
    expect(forged).toMatchObject({ status: 400, body: { error: { code: 'CHECKIN.TOKEN_INVALID' } } });
    const outFirst = await scan(vol3, await token(id, 'out'));
    expect(outFirst.body.error.code).toBe('CHECKIN.NOT_CHECKED_IN');
    await advance(1);
    const expired = await scan(vol3, t);
    expect(expired).toMatchObject({ status: 409, body: { error: { code: 'CHECKIN.TOKEN_EXPIRED', message: expect.stringMatching(/过期/) } } });
    expect((await gw.db.collection('attendance').where({ activityId: id }).count()).total).toBe(0);
  });

  it('a scan outside the activity radius is refused; inside it is accepted', async () => {
    const id = await createActivity({ lat: 39.9245, lng: 116.4339, radiusM: 150 });
    const far = await scan(vol1, await token(id, 'in'), { lat: 39.95, lng: 116.4339 });
    expect(far.body.error.code).toBe('CHECKIN.OUT_OF_RANGE');
    const near = await scan(vol1, await token(id, 'in'), { lat: 39.9246, lng: 116.434 });
    expect(near.body.ok).toBe(true);
  });

  it('staff check in someone without a phone by hand; a proxy checks in the elder they hold; both are recorded', async () => {
    const id = await createActivity();
    const manual = await gw.call(staff, 'checkin', 'manual', { activityId: id, userId: 'u-resident', kind: 'in' }, newRequestId());
    expect(manual.body.data.attendance).toMatchObject({ userId: 'u-resident', method: 'manual' });
    const viaProxy = await scan(await gw.login('u-proxy'), await token(id, 'in'), { forUserId: 'u-elder' });
    expect(viaProxy.body.data.attendance).toMatchObject({ userId: 'u-elder', method: 'proxy' });
    const stored = (await gw.db.collection('attendance').doc(`${id}:u-elder`).get()).data[0];
    expect(stored.operatorId).toBe('u-proxy');
    const notHeld = await scan(vol1, await token(id, 'in'), { forUserId: 'u-elder' });
    expect(notHeld.body.error.code).toBe('AUTH.FORBIDDEN');
    // The proxy (and staff) then see the elder's hours; someone who does not hold them may not.
    for (const who of ['u-proxy', 'u-staff']) {
      const hours = (await gw.call(await gw.login(who), 'hours', 'mine', { forUserId: 'u-elder' })).body.data.items;
      expect(hours.map((r: { activityId: string; userId: string }) => [r.activityId, r.userId])).toContainEqual([id, 'u-elder']);
    }
    expect((await gw.call(vol1, 'hours', 'mine', { forUserId: 'u-elder' })).body.error.code).toBe('AUTH.FORBIDDEN');
    const volManual = await gw.call(vol1, 'checkin', 'manual', { activityId: id, userId: 'u-vol-2', kind: 'in' }, newRequestId());
    expect(volManual.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('an activity of another street does not exist for its volunteers', async () => {
    await gw.db.collection('streets').add({ _id: 's-other', name: '别的街道' });
    await gw.db.collection('communities').add({ _id: 'c-other', streetId: 's-other', name: '别的社区', residents: 100 });
    const outsider = await gw.loginNewWeChatUser();
    await gw.call(outsider, 'account', 'register', { name: '外街道', phone: '13600000000', communityId: 'c-other', volunteer: true }, newRequestId());
    const id = await createActivity();
    const r = await scan(outsider, await token(id, 'in'));
    expect(r.body.error.code).toBe('ACTIVITY.NOT_FOUND');
    expect((await gw.call(outsider, 'activity', 'get', { activityId: id })).body.error.code).toBe('ACTIVITY.NOT_FOUND');
  });
});

describe('who may be checked in, and who may approve', () => {
  it('only volunteers scan in: residents, shop staff, committee members and staff who do not volunteer are refused, and nothing is recorded', async () => {
    const id = await createActivity({}, 0);
    const t = await token(id, 'in');
    for (const who of ['u-resident', 'u-merchant', 'u-committee-1', 'u-staff', 'u-staff-chaoxi', 'u-admin']) {
      const r = await scan(await gw.login(who), t);
      expect({ who, code: r.body.error?.code }).toEqual({ who, code: 'AUTH.FORBIDDEN' });
    }
    expect((await gw.db.collection('attendance').where({ activityId: id }).count()).total).toBe(0);
    // A volunteer is welcome; a proxy for the elder they hold too.
    expect((await scan(vol1, t)).body.ok).toBe(true);
    expect((await scan(await gw.login('u-proxy'), t, { forUserId: 'u-elder' })).body.data.attendance.method).toBe('proxy');
  });

  it('staff never approve their own hours, nor check themselves in by hand', async () => {
    // 李秀英 volunteers too (granted by the street admin) and took part in her own activity.
    await gw.call(await gw.login('u-admin'), 'account', 'grantRole', { userId: 'u-staff', role: 'volunteer', scope: 'c-xinxian' }, newRequestId());
    const id = await createActivity({}, 0, 60);
    expect((await scan(staff, await token(id, 'in'))).body.ok).toBe(true);
    const self = await gw.call(staff, 'checkin', 'manual', { activityId: id, userId: 'u-staff', kind: 'out' }, newRequestId());
    expect(self.body.error.code).toBe('AUTH.FORBIDDEN');
    await advance(61);
    expect((await scan(staff, await token(id, 'out'))).body.ok).toBe(true);
    const own = await gw.call(staff, 'hours', 'approve', { attendanceIds: [`${id}:u-staff`] }, newRequestId());
    expect(own.body.error.code).toBe('HOURS.OWN_RECORD');
    expect((await gw.db.collection('attendance').doc(`${id}:u-staff`).get()).data[0].status).toBe('pending');
    // Another member of staff (the street admin) may.
    const other = await gw.call(await gw.login('u-admin'), 'hours', 'approve', { attendanceIds: [`${id}:u-staff`] }, newRequestId());
    expect(other.body.data.approved).toBe(1);
  });
});

describe('approval of hours', () => {
  it('no check-out: after the end + 30 min the record shows closed at the scheduled end, flagged for staff', async () => {
    // Checked in 5 minutes early (counts: within start − 15 min), never checked out.
    const id = await createActivity({}, 5, 60);
    await scan(await gw.login('u-vol-3'), await token(id, 'in'));
    await advance(95);
    const pending = await gw.call(staff, 'hours', 'pending', { activityId: id });
    expect(pending.body.data.items).toEqual([expect.objectContaining({ userId: 'u-vol-3', status: 'pending', creditedMinutes: 60, flags: ['no-checkout'] })]);
    // Staff see it in their community's list, the street admin in the street's; a volunteer sees no list.
    const byCommunity = await gw.call(staff, 'hours', 'pending', {});
    expect(byCommunity.body.data.items.map((i: { activityId: string }) => i.activityId)).toContain(id);
    const byStreet = await gw.call(await gw.login('u-admin'), 'hours', 'pending', {});
    expect(byStreet.body.data.items.map((i: { activityId: string }) => i.activityId)).toContain(id);
    expect((await gw.call(vol1, 'hours', 'pending', {})).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await gw.call(await gw.login('u-staff-chaoxi'), 'hours', 'pending', { communityId: 'c-xinxian' })).body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('staff approve a whole activity at once; racing approvals and retries credit each record exactly once', async () => {
    const id = await createActivity({}, 0, 120);
    const vols = ['u-vol-1', 'u-vol-2', 'u-vol-3'];
    const tokens = await Promise.all(vols.map((v) => gw.login(v)));
    const tin = await token(id, 'in');
    for (const t of tokens) await scan(t, tin);
    await advance(60);
    const tout = await token(id, 'out');
    for (const t of tokens) await scan(t, tout);
    const before = await Promise.all(tokens.map(balance));
    const ids = (await gw.call(staff, 'hours', 'pending', { activityId: id })).body.data.items.map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(3);
    const rid = newRequestId();
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => gw.call(staff, 'hours', 'approve', { attendanceIds: ids }, newRequestId())),
      gw.call(staff, 'hours', 'approve', { attendanceIds: ids }, rid),
      gw.call(staff, 'hours', 'approve', { attendanceIds: ids }, rid),
      gw.call(await gw.login('u-admin'), 'hours', 'approve', { attendanceIds: ids }, newRequestId()),
    ]);
    expect(answers.every((a) => a.body.ok)).toBe(true);
    // The two calls sharing one requestId answer the same; counting one of them, 3 approvals in all.
    expect(answers[5].body).toEqual(answers[4].body);
    expect(answers.filter((_a, i) => i !== 5).reduce((s, a) => s + a.body.data.approved, 0)).toBe(3);
    const after = await Promise.all(tokens.map(balance));
    expect(after.map((b, i) => b - before[i])).toEqual([60, 60, 60]);
    const entries = await gw.db.collection('journal').where({ 'refs.activityId': id }).count();
    expect(entries.total).toBe(3);
    const mine = await gw.call(tokens[0], 'hours', 'mine');
    expect(mine.body.data.items.find((i: { activityId: string }) => i.activityId === id)).toMatchObject({ status: 'approved', creditedMinutes: 60 });
  });

  it('staff of another community cannot approve; rejecting needs a reason, which the volunteer then sees', async () => {
    const id = await createActivity({}, 0, 60);
    await scan(vol1, await token(id, 'in'));
    await advance(30);
    await scan(vol1, await token(id, 'out'));
    const [item] = (await gw.call(staff, 'hours', 'pending', { activityId: id })).body.data.items;
    const other = await gw.call(await gw.login('u-staff-chaoxi'), 'hours', 'approve', { attendanceIds: [item.id] }, newRequestId());
    expect(other.body.error.code).toBe('AUTH.FORBIDDEN');
    const noReason = await gw.call(staff, 'hours', 'reject', { attendanceId: item.id, reason: ' ' }, newRequestId());
    expect(noReason.body.error).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'reason', message: '请写明驳回原因' }] } });
    const rejected = await gw.call(staff, 'hours', 'reject', { attendanceId: item.id, reason: '签到时不在现场' }, newRequestId());
    expect(rejected.body.data.attendance).toMatchObject({ status: 'rejected', rejectReason: '签到时不在现场' });
    const mine = await gw.call(vol1, 'hours', 'mine');
    expect(mine.body.data.items.find((i: { id: string }) => i.id === item.id)).toMatchObject({ status: 'rejected', rejectReason: '签到时不在现场' });
    const approveRejected = await gw.call(staff, 'hours', 'approve', { attendanceIds: [item.id] }, newRequestId());
    expect(approveRejected.body.error.code).toBe('HOURS.NOT_PENDING');
  });
});
