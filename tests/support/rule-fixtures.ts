import type { Activity, AttendanceRecord } from '../../cloudfunctions/core/attendance/attendance.model';
import type { HelpRequest, Standing } from '../../cloudfunctions/core/help/help.model';
import type { ProxyLink, User } from '../../cloudfunctions/core/identity/identity.model';
import type { Merchant, Offer, RedeemCode } from '../../cloudfunctions/core/redemption/redemption.model';

/**
 * The documents the rules' unit tests decide about, shared by the tests of each module and
 * their mutation tests (tests/unit/*.rules.mutation.test.ts). Pure: Stryker's sandbox has no
 * database (docs/mutation.md).
 */

/** A time on the test day, 2026-11-21, in Beijing time. */
export const at = (hhmm: string): Date => new Date(`2026-11-21T${hhmm}:00+08:00`);

/** An activity of community c-a from 09:00 to 11:00. */
export const buildActivity = (over: Partial<Activity> = {}): Activity => ({
  _id: 'a1',
  communityId: 'c-a',
  streetId: 's-1',
  title: '社区助老',
  startAt: at('09:00'),
  endAt: at('11:00'),
  organiserId: 'u-staff',
  signedUp: 0,
  createdAt: at('08:00'),
  ...over,
});

/** u1 checked in to a1 at 09:00 by QR, not yet out. */
export const openRecord = (over: Partial<AttendanceRecord> = {}): AttendanceRecord => ({
  _id: 'a1:u1',
  activityId: 'a1',
  communityId: 'c-a',
  streetId: 's-1',
  userId: 'u1',
  checkInAt: at('09:00'),
  method: 'qr',
  operatorId: 'u1',
  status: 'open',
  flags: [],
  reviewAt: at('11:30'),
  createdAt: at('09:00'),
  ...over,
});

/** A person of community c-a with the roles given. */
export const buildUser = (id: string, roles: User['roles'], over: Partial<User> = {}): User => ({
  _id: id,
  name: id,
  phone: '13800000000',
  communityId: 'c-a',
  streetId: 's-1',
  managed: false,
  roles,
  createdAt: new Date(0),
  ...over,
});
export const communityA = { _id: 'c-a', streetId: 's-1' };
export const managedElder = buildUser('elder', [{ role: 'resident', scope: 'c-a' }], { managed: true });

/** An active proxy link: p holds elder's wallet. */
export const proxyLink = (over: Partial<ProxyLink> = {}): ProxyLink => ({
  _id: 'l',
  proxyId: 'p',
  elderId: 'elder',
  communityId: 'c-a',
  streetId: 's-1',
  scopes: ['wallet'],
  status: 'active',
  requestedAt: new Date(0),
  ...over,
});

/** The redemption tests' moment, a merchant m1, its offer o1 (3 in stock, 1 时间币) and an open code for it. */
export const redeemNow = new Date('2026-11-21T10:00:00+08:00');
export const merchantM1: Merchant = {
  _id: 'm1',
  name: '超市',
  address: 'x',
  communityId: 'c',
  streetId: 's',
  operatorIds: ['op'],
  status: 'active',
  createdAt: redeemNow,
};
export const offerO1: Offer = {
  _id: 'o1',
  merchantId: 'm1',
  streetId: 's',
  title: '鸡蛋',
  priceMinutes: 60,
  stock: 3,
  active: true,
  merchantActive: true,
  createdAt: redeemNow,
};
export const openCode: RedeemCode = {
  _id: 'A'.repeat(22),
  digits: '12345678',
  offerId: 'o1',
  merchantId: 'm1',
  streetId: 's',
  userId: 'u1',
  issuedBy: 'u1',
  priceMinutes: 60,
  status: 'open',
  expiresAt: new Date(redeemNow.getTime() + 60_000),
  createdAt: redeemNow,
};

/** The help tests' "now": 2026-11-22 10:00 in Beijing time. */
export const HELP_NOW = new Date('2026-11-22T10:00:00+08:00');

/** 孙桂兰's open request (posted by her proxy p) for shopping tomorrow, 1 时间币 held. */
export const buildHelp = (over: Partial<HelpRequest> = {}): HelpRequest => ({
  _id: 'h1',
  requesterId: 'elder',
  requesterName: '孙桂兰',
  requesterManaged: true,
  postedBy: 'p',
  via: 'proxy',
  communityId: 'c-a',
  communityName: '新鲜社区',
  streetId: 's-1',
  category: 'shopping',
  description: '帮忙买菜',
  when: new Date(HELP_NOW.getTime() + 24 * 3600_000),
  durationMinutes: 60,
  area: '5 号院',
  address: '5 号院 2 单元 301',
  rewardMinutes: 60,
  status: 'open',
  createdAt: HELP_NOW,
  ...over,
});

/** How someone with no tie to a request stands to it; the tests add what they need. */
export const noStanding: Standing = {
  userId: 'x',
  requester: false,
  proxyWithHelp: false,
  holdsRequester: false,
  staff: false,
  requesterManaged: true,
  volunteer: false,
};
