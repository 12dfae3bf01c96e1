import type { Database } from '../../cloudfunctions/core/db/app';
import { creditedMinutes } from '../../cloudfunctions/core/attendance/crediting';
import { attendanceId, signupId, type Activity, type AttendanceRecord } from '../../cloudfunctions/core/attendance/attendance.model';
import type { User } from '../../cloudfunctions/core/identity/identity.model';
import { phoneClaimId } from '../../cloudfunctions/core/identity/identity.repository';
import { decideEntry } from '../../cloudfunctions/core/ledger/ledger.deciders';
import { accountIds, amountOf, keepsBalance, type EntryCommand, type JournalEntry, type LedgerAccount } from '../../cloudfunctions/core/ledger/ledger.model';
import { accounts as ledgerAccounts, type BalanceSnapshot } from '../../cloudfunctions/core/ledger/ledger.collections';
import { SETTLED_AFTER_MS } from '../../cloudfunctions/core/ledger/ledger.repository';
import { merchantDayId, type Merchant, type MerchantDay, type Offer, type RedeemCode } from '../../cloudfunctions/core/redemption/redemption.model';
import { maskName } from '../../cloudfunctions/core/redemption/redemption.deciders';
import { dayOf } from '../../cloudfunctions/core/time';
import { COMMUNITIES, STREET } from './demo';

/**
 * A street's few years of data (DOMAIN.md "Scale"), on top of the demo seed: volunteers,
 * activities with their sign-ups and attendance, approvals, merchants with their offers and
 * redemptions, settlements and pool donations. Built with core's own rules — credited
 * minutes from `creditedMinutes`, every journal entry checked by `decideEntry` against the
 * running balances, nobody spending what they do not have — and written in batches (one
 * transaction per record would take hours at this size), so `check:ledger` holds on it.
 *
 * Scale 1 is what the pilot street produces in a few years: 5,000 volunteers, 2,000
 * activities, 100,000 attendance records, 20,000 redemptions.
 */
export interface StreetSize {
  volunteers: number;
  activities: number;
  attendance: number;
  redemptions: number;
  merchants: number;
  /** Activities still to come (within the next weeks). */
  upcoming: number;
  /** Attendance records of the first volunteer, `u-sv-0` (a heavy user whose history spans many pages). */
  heavyAttendance: number;
  /** Redemptions at the demo merchant 朝阳门生活超市 today (its counter's "today"). */
  todayAtMarket: number;
  /** People at the last activity, a big one whose records all wait for approval. */
  bigAttendance: number;
}

export function streetSize(scale: number): StreetSize {
  const n = (x: number, min = 1): number => Math.max(min, Math.round(x * scale));
  return {
    volunteers: n(5000, 20),
    activities: n(2000, 20),
    attendance: n(100_000, 50),
    redemptions: n(20_000, 10),
    // What is planned, the shops and today's business do not grow with the years behind them.
    merchants: 20,
    upcoming: 40,
    heavyAttendance: Math.min(n(1100, 10), n(2000, 20) - 40 - 1),
    todayAtMarket: 45,
    bigAttendance: n(2000, 10),
  };
}

export interface StreetSummary {
  users: number;
  activities: number;
  attendance: number;
  entries: number;
  redemptions: number;
  /** Ids a benchmark can read as: the heavy volunteer, and the last activity (a big one whose records all wait for approval). */
  heavyUserId: string;
  bigActivityId: string;
}

/** Deterministic randomness, so the same scale gives the same street. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 500;

async function writeAll(db: Database, collection: string, docs: object[], onProgress?: (n: number) => void): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    await db.collection(collection).add(docs.slice(i, i + BATCH));
    onProgress?.(Math.min(docs.length, i + BATCH));
  }
}

export async function seedStreet(db: Database, now: Date, size: StreetSize, log: (line: string) => void = () => undefined): Promise<StreetSummary> {
  const rand = prng(20_261_122);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const nowMs = now.getTime();
  const from = nowMs - 730 * DAY;

  // People.
  const volunteers: User[] = [];
  for (let i = 0; i < size.volunteers; i++) {
    const c = COMMUNITIES[i % COMMUNITIES.length]._id;
    volunteers.push({
      _id: `u-sv-${i}`,
      openid: `street-openid-${i}`,
      name: `志愿者${i}`,
      phone: `137${String(i).padStart(8, '0')}`,
      communityId: c,
      streetId: STREET._id,
      managed: false,
      roles: [
        { role: 'resident', scope: c },
        { role: 'volunteer', scope: c },
      ],
      createdAt: new Date(from - DAY),
    });
  }

  // Activities: the past ones spread over two years, then the upcoming ones.
  const activities: Activity[] = [];
  const past = size.activities - size.upcoming;
  for (let i = 0; i < size.activities; i++) {
    const startAt = i < past ? from + Math.floor(((nowMs - 2 * DAY - from) * i) / past) : nowMs + (i - past + 1) * DAY;
    activities.push({
      _id: `a-s-${String(i).padStart(5, '0')}`,
      communityId: COMMUNITIES[i % COMMUNITIES.length]._id,
      communityName: COMMUNITIES[i % COMMUNITIES.length].name,
      streetId: STREET._id,
      title: `社区服务第 ${i + 1} 场`,
      startAt: new Date(startAt),
      endAt: new Date(startAt + 2 * HOUR),
      place: '社区活动室',
      organiserId: 'u-staff',
      signedUp: 0,
      createdAt: new Date(startAt - 7 * DAY),
    });
  }
  const pastActivities = activities.slice(0, past);

  // Attendance: the heavy volunteer at the first activities, everyone else at random.
  const taken = new Set<string>();
  const pairs: Array<[Activity, User]> = [];
  for (let i = 0; i < size.heavyAttendance; i++) {
    pairs.push([pastActivities[i], volunteers[0]]);
    taken.add(attendanceId(pastActivities[i]._id, volunteers[0]._id));
  }
  const bigActivity = pastActivities[pastActivities.length - 1];
  for (let i = 1; i <= Math.min(size.bigAttendance, volunteers.length - 1); i++) {
    pairs.push([bigActivity, volunteers[i]]);
    taken.add(attendanceId(bigActivity._id, volunteers[i]._id));
  }
  while (pairs.length < size.attendance) {
    const a = pick(pastActivities);
    const v = volunteers[1 + Math.floor(rand() * (volunteers.length - 1))];
    const id = attendanceId(a._id, v._id);
    if (taken.has(id)) continue;
    taken.add(id);
    pairs.push([a, v]);
  }

  const records: AttendanceRecord[] = [];
  const signups: object[] = [];
  type Event = { at: number; cmd: EntryCommand; entryId: string; then?: () => void };
  const events: Event[] = [];
  for (const [a, v] of pairs) {
    const checkInAt = new Date(a.startAt.getTime() - Math.floor(rand() * 10) * 60_000);
    const checkOutAt = new Date(a.endAt.getTime() + Math.floor(rand() * 30 - 10) * 60_000);
    const credited = creditedMinutes(a, checkInAt, checkOutAt);
    // The last activity (the big one) waits for approval; elsewhere a few were turned down.
    const status = a === bigActivity ? 'pending' : rand() < 0.02 ? 'rejected' : 'approved';
    const approvedAt = new Date(a.endAt.getTime() + DAY);
    const id = attendanceId(a._id, v._id);
    records.push({
      _id: id,
      activityId: a._id,
      communityId: a.communityId,
      streetId: a.streetId,
      userId: v._id,
      checkInAt,
      checkOutAt,
      method: 'qr',
      operatorId: v._id,
      checkOutMethod: 'qr',
      checkOutOperatorId: v._id,
      status,
      creditedMinutes: credited,
      flags: [],
      reviewAt: checkOutAt,
      createdAt: checkInAt,
      ...(status === 'approved' ? { approverId: 'u-staff', approvedAt } : {}),
      ...(status === 'rejected' ? { rejectedBy: 'u-staff', rejectedAt: approvedAt, rejectReason: '签到时不在现场' } : {}),
    });
    signups.push({ _id: signupId(a._id, v._id), activityId: a._id, userId: v._id, at: new Date(a.startAt.getTime() - 2 * DAY) });
    a.signedUp++;
    if (status === 'approved' && credited > 0) {
      events.push({
        at: approvedAt.getTime(),
        entryId: `hours-${id}`,
        cmd: {
          kind: 'hours.approved',
          postings: [
            { accountId: accountIds.issuance(a.communityId), amountMinutes: -credited },
            { accountId: accountIds.wallet(v._id), amountMinutes: credited },
          ],
          refs: { attendanceId: id, activityId: a._id },
          operatorId: 'u-staff',
          memo: a.title,
        },
      });
    }
  }

  // Merchants (the demo's 朝阳门生活超市 among them) and their offers.
  const merchants: Merchant[] = [];
  const offers: Offer[] = [];
  for (let k = 0; k < size.merchants; k++) {
    const c = COMMUNITIES[k % COMMUNITIES.length]._id;
    const id = k === 0 ? 'm-market' : `m-s-${k}`;
    if (k > 0)
      merchants.push({
        _id: id,
        name: `爱心商户 ${k} 号`,
        address: `朝阳门内大街 ${k} 号`,
        communityId: c,
        streetId: STREET._id,
        operatorIds: [],
        status: 'active',
        createdAt: new Date(from),
      });
    [30, 60, 90].forEach((price, j) =>
      offers.push({
        _id: `o-s-${k}-${j}`,
        merchantId: id,
        streetId: STREET._id,
        title: ['理发一次', '鸡蛋一盒', '粮油一份'][j],
        priceMinutes: price,
        stock: 1_000_000,
        active: true,
        merchantActive: true,
        createdAt: new Date(from),
      }),
    );
  }

  // Redemptions at random moments (today's at the market last), donations to the pools.
  const codes: RedeemCode[] = [];
  const redemptionTimes: Array<{ at: number; merchantIndex: number }> = [];
  for (let i = 0; i < size.redemptions; i++)
    redemptionTimes.push({ at: from + 30 * DAY + rand() * (nowMs - 31 * DAY - from), merchantIndex: Math.floor(rand() * size.merchants) });
  const startOfToday = nowMs - ((nowMs + 8 * HOUR) % DAY);
  for (let i = 0; i < size.todayAtMarket; i++)
    redemptionTimes.push({ at: startOfToday + ((nowMs - SETTLED_AFTER_MS - startOfToday) * (i + 1)) / (size.todayAtMarket + 1), merchantIndex: 0 });

  // Everything that moves coins, in time order, against running balances.
  const accounts = new Map<string, LedgerAccount>();
  const open = (id: string, kind: LedgerAccount['kind'], ownerId: string, communityId?: string): LedgerAccount => {
    let acc = accounts.get(id);
    if (!acc) {
      acc = { _id: id, kind, ownerId, ...(communityId ? { communityId } : {}), streetId: STREET._id, balance: 0, createdAt: new Date(from - DAY) };
      accounts.set(id, acc);
    }
    return acc;
  };
  for (const v of volunteers) open(accountIds.wallet(v._id), 'wallet', v._id, v.communityId);
  for (const c of COMMUNITIES) {
    open(accountIds.issuance(c._id), 'issuance', c._id, c._id);
    open(accountIds.pool(c._id), 'pool', c._id, c._id);
  }
  for (const m of [{ _id: 'm-market', communityId: 'c-xinxian' }, ...merchants]) open(accountIds.merchant(m._id), 'merchant', m._id, m.communityId);
  open(accountIds.settlement(STREET._id), 'settlement', STREET._id);

  const journal: JournalEntry[] = [];
  const post = (at: number, entryId: string, cmd: EntryCommand): boolean => {
    try {
      const { entry, balances } = decideEntry(cmd, accounts, { now: new Date(at), entryId });
      for (const p of entry.postings) {
        const acc = accounts.get(p.accountId)!;
        acc.balance = keepsBalance(acc.kind) ? balances.get(p.accountId)! : (acc.balance ?? 0) + amountOf(p);
      }
      journal.push(entry);
      return true;
    } catch {
      return false; // e.g. a wallet that cannot pay: that redemption simply did not happen
    }
  };

  const queue: Array<{ at: number; run: () => void }> = [
    ...events.map((e) => ({ at: e.at, run: () => void post(e.at, e.entryId, e.cmd) })),
    ...redemptionTimes.map((r, i) => ({
      at: r.at,
      run: () => {
        const offer = offers[r.merchantIndex * 3 + Math.floor(rand() * 3)];
        for (let attempt = 0; attempt < 6; attempt++) {
          const v = attempt === 0 && i % 7 === 0 ? volunteers[0] : pick(volunteers);
          const codeId = `s${String(i).padStart(7, '0')}${'x'.repeat(14)}`.slice(0, 22);
          const ok = post(r.at, `redeem-${codeId}`, {
            kind: 'redeem',
            postings: [
              { accountId: accountIds.wallet(v._id), amountMinutes: -offer.priceMinutes },
              { accountId: accountIds.merchant(offer.merchantId), amountMinutes: offer.priceMinutes },
            ],
            refs: { code: codeId, offerId: offer._id, merchantId: offer.merchantId },
            operatorId: 'u-merchant',
            memo: offer.title,
          });
          if (!ok) continue;
          codes.push({
            _id: codeId,
            digits: String(10_000_000 + i).slice(-8),
            offerId: offer._id,
            merchantId: offer.merchantId,
            streetId: STREET._id,
            userId: v._id,
            issuedBy: v._id,
            priceMinutes: offer.priceMinutes,
            offerTitle: offer.title,
            merchantName: offer.merchantId === 'm-market' ? '朝阳门生活超市' : merchants.find((m) => m._id === offer.merchantId)!.name,
            holderName: maskName(v.name),
            status: 'used',
            expiresAt: new Date(r.at + 8 * 60_000),
            createdAt: new Date(r.at - 2 * 60_000),
            usedAt: new Date(r.at),
            confirmedBy: 'u-merchant',
            entryId: `redeem-${codeId}`,
          });
          return;
        }
      },
    })),
    ...volunteers
      .filter((_v, i) => i % 50 === 7)
      .map((v) => {
        const at = from + rand() * (nowMs - 2 * DAY - from);
        return {
          at,
          run: () =>
            void post(at, `e-sd-${v._id}`, {
              kind: 'donate.coins',
              postings: [
                { accountId: accountIds.wallet(v._id), amountMinutes: -15 },
                { accountId: accountIds.pool(v.communityId), amountMinutes: 15 },
              ],
              refs: { communityId: v.communityId },
              operatorId: v._id,
              memo: '公益池',
            }),
        };
      }),
  ].sort((x, y) => x.at - y.at);

  // Settlement of every merchant up to three months ago, in the middle of the stream.
  const settleAt = nowMs - 90 * DAY;
  let settled = false;
  const settleAll = (): void => {
    for (const m of [{ _id: 'm-market' }, ...merchants]) {
      const acc = accounts.get(accountIds.merchant(m._id))!;
      const amount = acc.balance ?? 0;
      if (amount <= 0) continue;
      post(settleAt, `settle-${m._id}-${settleAt}`, {
        kind: 'merchant.settle',
        postings: [
          { accountId: acc._id, amountMinutes: -amount },
          { accountId: accountIds.settlement(STREET._id), amountMinutes: amount },
        ],
        refs: { merchantId: m._id, from: new Date(0).toISOString(), until: new Date(settleAt).toISOString() },
        operatorId: 'u-admin',
        memo: '季度结算',
      });
    }
    settled = true;
  };
  for (const item of queue) {
    if (!settled && item.at >= settleAt) settleAll();
    item.run();
  }
  if (!settled) settleAll();

  // Written: people and accounts, activities, attendance, sign-ups, merchants, codes, journal.
  const write = async (collection: string, docs: object[]): Promise<void> => {
    log(`  ${collection}: ${docs.length}`);
    await writeAll(db, collection, docs);
  };
  await write('users', volunteers);
  await write(
    'phoneClaims',
    volunteers.map((v) => ({ _id: phoneClaimId(v.phone), userId: v._id })),
  );
  // The demo seed opened some of these accounts already (pools, issuance, m-market, demo wallets).
  const existing = new Set((await ledgerAccounts.getMany(db, accounts.keys())).keys());
  await write(
    'ledgerAccounts',
    [...accounts.values()]
      .filter((a) => !existing.has(a._id))
      .map((a) => (keepsBalance(a.kind) ? a : { ...a, balance: undefined }))
      .map(stripUndefined),
  );
  for (const id of existing) {
    const a = accounts.get(id)!;
    if (keepsBalance(a.kind))
      await db
        .collection('ledgerAccounts')
        .doc(id)
        .update({ balance: db.command.inc(a.balance ?? 0) });
  }
  await write('activities', activities);
  await write('attendance', records);
  await write('signups', signups);
  await write(
    'merchants',
    merchants.map((m) => ({ ...m, settledUntil: new Date(settleAt) })),
  );
  await db
    .collection('merchants')
    .doc('m-market')
    .update({ settledUntil: new Date(settleAt) });
  await write('offers', offers);
  await write('redeemCodes', codes);
  const days = new Map<string, MerchantDay>();
  for (const c of codes) {
    const id = merchantDayId(c.merchantId, dayOf(c.usedAt!), 'u-merchant');
    const d = days.get(id) ?? { _id: id, merchantId: c.merchantId, day: dayOf(c.usedAt!), operatorId: 'u-merchant', count: 0, totalMinutes: 0 };
    d.count++;
    d.totalMinutes += c.priceMinutes;
    days.set(id, d);
  }
  await write('merchantDays', [...days.values()]);
  await write('journal', journal);

  // Snapshots of the shared accounts' balances, as the functions would have left them.
  const through = nowMs - SETTLED_AFTER_MS;
  const before = new Map<string, number>();
  for (const e of journal) {
    if (e.createdAt.getTime() >= through) continue;
    for (const p of e.postings) if (!keepsBalance(accounts.get(p.accountId)!.kind)) before.set(p.accountId, (before.get(p.accountId) ?? 0) + amountOf(p));
  }
  const snapshots: BalanceSnapshot[] = [...accounts.values()]
    .filter((a) => !keepsBalance(a.kind) && !existing.has(a._id))
    .map((a) => ({ _id: a._id, balance: before.get(a._id) ?? 0, through: new Date(through) }));
  await write('balanceSnapshots', snapshots);

  return {
    users: volunteers.length,
    activities: activities.length,
    attendance: records.length,
    entries: journal.length,
    redemptions: codes.length,
    heavyUserId: volunteers[0]._id,
    bigActivityId: bigActivity._id,
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
