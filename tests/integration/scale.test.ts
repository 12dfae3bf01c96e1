import { ATTENDANCE } from '../../cloudfunctions/core/attendance/attendance.repository';
import { journal } from '../../cloudfunctions/core/ledger/ledger.collections';
import { checkLedger } from '../../cloudfunctions/core/ledger/check';
import { seedStreet, type StreetSummary } from '../../local/seed/street';
import { newRequestId, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * At a street's size, every list pages to its end and nothing hides behind a limit
 * (DOMAIN.md "Scale"; issue: "lists cut off at 200 or 1,000 items with nothing on screen").
 * The street here has 2,500 past activities, a volunteer with 1,050 records and entries,
 * and an activity with over a thousand records waiting for approval.
 */
let gw: TestGateway;
let street: StreetSummary;
let heavy: string;
beforeAll(async () => {
  gw = await startTestGateway();
  street = await seedStreet(gw.db, gw.now(), {
    volunteers: 1_200,
    activities: 2_505,
    upcoming: 5,
    attendance: 3_000,
    heavyAttendance: 1_050,
    redemptions: 300,
    merchants: 3,
    todayAtMarket: 3,
    bigAttendance: 1_150,
  });
  heavy = gw.sessionFor('street-openid-0');
}, 120_000);
afterAll(async () => {
  await gw.stop();
});

/** Every page of a list, following nextCursor to the end. */
async function everyPage(token: string, fn: string, action: string, input: Record<string, unknown> = {}): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await gw.call(token, fn, action, { ...input, ...(cursor ? { cursor } : {}) });
    expect(r.body.ok).toBe(true);
    items.push(...r.body.data.items);
    cursor = r.body.data.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

const unique = (xs: string[]): number => new Set(xs).size;

describe('lists past 1,000 items page to the end', () => {
  it('a wallet history of over a thousand entries: every entry once, newest first, 20 a page', async () => {
    const expected = (
      await gw.db
        .collection(journal.name)
        .where({ 'postings.accountId': `wallet:${street.heavyUserId}` })
        .count()
    ).total;
    expect(expected).toBeGreaterThan(1_000);
    const { items, pages } = await everyPage(heavy, 'wallet', 'history');
    expect(items).toHaveLength(expected);
    expect(unique(items.map((i) => i.entryId))).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 20));
    const times = items.map((i) => Date.parse(i.at));
    expect(times.every((t, i) => i === 0 || t <= times[i - 1])).toBe(true);
    // The running balance reads the same whichever page it is on: the newest is the wallet's balance.
    const balance = (await gw.call(heavy, 'wallet', 'balance', {})).body.data.balanceMinutes;
    expect(items[0].balanceAfterMinutes).toBe(balance);
  });

  it('my hours: all 1,050 records', async () => {
    const { items } = await everyPage(heavy, 'hours', 'mine');
    expect(items).toHaveLength(1_050);
    expect(unique(items.map((i) => i.id))).toBe(1_050);
  });

  it('pending hours of an activity with over a thousand records waiting: every one, and only those', async () => {
    const staff = await gw.login('u-admin');
    const waiting = (await gw.db.collection(ATTENDANCE).where({ activityId: street.bigActivityId, status: 'pending' }).count()).total;
    expect(waiting).toBeGreaterThan(1_000);
    const byActivity = await everyPage(staff, 'hours', 'pending', { activityId: street.bigActivityId });
    expect(byActivity.items).toHaveLength(waiting);
    expect(unique(byActivity.items.map((i) => i.id))).toBe(waiting);
    // The street admin's whole-street list holds them too.
    const street1 = await everyPage(staff, 'hours', 'pending', {});
    expect(street1.items.filter((i) => i.activityId === street.bigActivityId)).toHaveLength(waiting);
  });

  it('the attendance list of that activity pages to the end', async () => {
    const staff = await gw.login('u-admin');
    const { items } = await everyPage(staff, 'checkin', 'attendees', { activityId: street.bigActivityId });
    const total = (await gw.db.collection(ATTENDANCE).where({ activityId: street.bigActivityId }).count()).total;
    expect(items).toHaveLength(total);
  });
});

describe('activities on a street with 2,500 past ones', () => {
  it('the upcoming activities are the first page, soonest first, whatever lies behind them', async () => {
    const vol = gw.sessionFor('street-openid-5');
    const upcoming = (await gw.call(vol, 'activity', 'list', {})).body.data;
    // The demo seed's own activities (one running now, one tomorrow) come along; the street's are five.
    const streets = upcoming.items.filter((a: { id: string }) => !a.id.startsWith('a-demo-'));
    expect(streets).toHaveLength(5);
    expect(upcoming.items).toHaveLength(7);
    expect(upcoming.nextCursor).toBeUndefined();
    const starts = streets.map((a: { startAt: string }) => Date.parse(a.startAt));
    expect(starts.every((t: number, i: number) => t > gw.now().getTime() && (i === 0 || t >= starts[i - 1]))).toBe(true);
    // A new activity staff publish for tomorrow shows among them at once.
    const staff = await gw.login('u-staff');
    const start = new Date(gw.now().getTime() + 3_600_000);
    const made = await gw.call(
      staff,
      'activity',
      'create',
      { communityId: 'c-xinxian', title: '明天的助老活动', startAt: start.toISOString(), endAt: new Date(start.getTime() + 7_200_000).toISOString() },
      newRequestId(),
    );
    const again = (await gw.call(vol, 'activity', 'list', {})).body.data.items.filter((a: { startAt: string }) => Date.parse(a.startAt) > gw.now().getTime());
    expect(again[0].id).toBe(made.body.data.activity.id);
  });

  it('past activities page back through all 2,500, latest first', async () => {
    const vol = gw.sessionFor('street-openid-6');
    const { items: all } = await everyPage(vol, 'activity', 'list', { when: 'past' });
    const items = all.filter((a) => !a.id.startsWith('a-demo-'));
    expect(all).toHaveLength(2_501);
    expect(items).toHaveLength(2_500);
    expect(unique(items.map((a) => a.id))).toBe(2_500);
    const starts = items.map((a) => Date.parse(a.startAt));
    expect(starts.every((t, i) => i === 0 || t <= starts[i - 1])).toBe(true);
  });
});

describe("cursors are the server's", () => {
  it('a forged, tampered, borrowed or stale cursor is INPUT.INVALID, never a 500, and the list still works', async () => {
    const first = (await gw.call(heavy, 'wallet', 'history', {})).body.data;
    const [body, sig] = first.nextCursor.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), v: [1e308, 'x'] })).toString('base64url')}.${sig}`;
    const crafted = Buffer.from(JSON.stringify([1e308, 'x'])).toString('base64url');
    const other = gw.sessionFor('street-openid-9');
    for (const [token, cursor] of [
      [heavy, crafted],
      [heavy, tampered],
      [heavy, `${body}.AAAAAAAAAAAAAAAAAAAAAA`],
      [other, first.nextCursor], // someone else's wallet history
    ] as const) {
      const r = await gw.call(token, 'wallet', 'history', { cursor });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'INPUT.INVALID', details: { fields: [{ path: 'cursor' }] } });
    }
    const fresh = await gw.call(heavy, 'wallet', 'history', { cursor: first.nextCursor });
    expect(fresh.body.ok).toBe(true);
    await fetch(`${gw.url}/api/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: 25 * 60 }) });
    const stale = await gw.call(heavy, 'wallet', 'history', { cursor: first.nextCursor });
    expect(stale.body.error).toMatchObject({ code: 'INPUT.INVALID', message: '列表已经过时，请从第一页重新查看' });
  });

  it('the ledger of the whole street holds', async () => {
    expect((await checkLedger(gw.db)).problems).toEqual([]);
  });
});
