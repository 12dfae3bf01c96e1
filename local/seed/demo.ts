import type { Database } from '../../cloudfunctions/core/db/app';
import { inTransaction } from '../../cloudfunctions/core/db/tx';
import type { Community, ProxyLink, User } from '../../cloudfunctions/core/identity/identity.model';
import { phoneClaimId, phoneClaims } from '../../cloudfunctions/core/identity/identity.repository';
import { accountIds, type LedgerAccount } from '../../cloudfunctions/core/ledger/ledger.model';
import { openAccount, postEntry } from '../../cloudfunctions/core/ledger/ledger.repository';
import { attendanceId, signupId, type Activity, type AttendanceRecord } from '../../cloudfunctions/core/attendance/attendance.model';
import { activities, attendance, signups } from '../../cloudfunctions/core/attendance/attendance.repository';
import { creditedMinutes } from '../../cloudfunctions/core/attendance/crediting';
import { startOfDay } from '../../cloudfunctions/core/time';
import { moveHelpAs, postHelpFor } from '../../cloudfunctions/core/help/help.actions';
import { proxyLinks, proxyPairId, proxyPairs, users } from '../../cloudfunctions/core/identity/identity.repository';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { decideSubmit, decideVote } from '../../cloudfunctions/core/projects/fund.deciders';
import type { Project } from '../../cloudfunctions/core/projects/project.model';
import { projects } from '../../cloudfunctions/core/projects/project.repository';
import { localFileStore } from '../../cloudfunctions/core/files/file-store';
import { seedFund } from './demo-fund';

/**
 * Demo data for one street (API.md "Demo data"): stable ids people and scripts rely on,
 * Chinese names, the nine communities of 朝阳门街道. Written through the same SDK and
 * ledger code as production, so the seed itself obeys the ledger's rules.
 *
 * Opening balances (documented in README): u-vol-1 150 minutes (2.5 币), u-vol-2 60,
 * u-elder 120, everyone else 0. Each is an `opening.balance` journal entry from the
 * community's issuance account, as importing hours from an earlier platform would be.
 *
 * Three activities of 新鲜社区, so every screen has something on it (seedActivities): one
 * tomorrow morning (刘洋 signed up), one running now (陈静 checked in), one two days ago
 * (刘洋's hours waiting for review, 赵磊's turned down with a reason). No hours are credited
 * by the seed, so the opening balances stay as they are.
 */
export const STREET = { _id: 's-cym', name: '朝阳门街道' };

export const COMMUNITIES: Community[] = [
  { _id: 'c-xinxian', name: '新鲜社区', residents: 5200 },
  { _id: 'c-chaoxi', name: '朝西社区', residents: 4100 },
  { _id: 'c-shijia', name: '史家社区', residents: 4800 },
  { _id: 'c-neiwu', name: '内务社区', residents: 3900 },
  { _id: 'c-yanyue', name: '演乐社区', residents: 3600 },
  { _id: 'c-lishi', name: '礼士社区', residents: 3300 },
  { _id: 'c-zhugan', name: '竹竿社区', residents: 4400 },
  { _id: 'c-dafangjia', name: '大方家社区', residents: 3700 },
  { _id: 'c-chaoneitoutiao', name: '朝内头条社区', residents: 3500 },
].map((c) => ({ ...c, streetId: STREET._id }));

interface DemoUser {
  id: string;
  name: string;
  phone: string;
  communityId: string;
  roles: User['roles'];
  managed?: boolean;
  birthYear?: number;
  address?: string;
  /** What the dev login list says about this person. */
  intro: string;
}

const X = 'c-xinxian';
export const DEMO_USERS: DemoUser[] = [
  { id: 'u-admin', name: '王建国', phone: '13810000001', communityId: X, roles: [{ role: 'admin', scope: STREET._id }], intro: '街道管理员' },
  { id: 'u-staff', name: '李秀英', phone: '13810000002', communityId: X, roles: [{ role: 'staff', scope: X }], intro: '新鲜社区社工' },
  { id: 'u-staff-chaoxi', name: '张丽', phone: '13810000003', communityId: 'c-chaoxi', roles: [{ role: 'staff', scope: 'c-chaoxi' }], intro: '朝西社区社工' },
  {
    id: 'u-vol-1',
    name: '刘洋',
    phone: '13810000011',
    communityId: X,
    roles: [
      { role: 'resident', scope: X },
      { role: 'volunteer', scope: X },
    ],
    intro: '新鲜社区志愿者',
  },
  {
    id: 'u-vol-2',
    name: '陈静',
    phone: '13810000012',
    communityId: X,
    roles: [
      { role: 'resident', scope: X },
      { role: 'volunteer', scope: X },
    ],
    intro: '新鲜社区志愿者',
  },
  {
    id: 'u-vol-3',
    name: '赵磊',
    phone: '13810000013',
    communityId: X,
    roles: [
      { role: 'resident', scope: X },
      { role: 'volunteer', scope: X },
    ],
    intro: '新鲜社区志愿者',
  },
  {
    id: 'u-elder',
    name: '孙桂兰',
    phone: '13810000021',
    communityId: X,
    roles: [{ role: 'resident', scope: X }],
    managed: true,
    birthYear: 1942,
    address: '新鲜胡同 5 号院 2 单元 301',
    intro: '代管账户（没有微信的长者）',
  },
  {
    id: 'u-elder-2',
    name: '周秀珍',
    phone: '13810000024',
    communityId: X,
    roles: [{ role: 'resident', scope: X }],
    managed: true,
    birthYear: 1938,
    address: '新鲜胡同 12 号院 1 单元 102',
    intro: '代管账户（陈静的代持申请等社工核实）',
  },
  {
    id: 'u-proxy',
    name: '孙伟',
    phone: '13810000022',
    communityId: X,
    roles: [
      { role: 'resident', scope: X },
      { role: 'volunteer', scope: X },
    ],
    intro: '孙桂兰的代持人',
  },
  { id: 'u-merchant', name: '周明', phone: '13810000031', communityId: X, roles: [{ role: 'merchant', scope: 'm-market' }], intro: '朝阳门生活超市店员' },
  { id: 'u-committee-1', name: '吴芳', phone: '13810000041', communityId: X, roles: [{ role: 'committee', scope: STREET._id }], intro: '管委会委员' },
  { id: 'u-committee-2', name: '郑强', phone: '13810000042', communityId: 'c-chaoxi', roles: [{ role: 'committee', scope: STREET._id }], intro: '管委会委员' },
  { id: 'u-committee-3', name: '冯敏', phone: '13810000043', communityId: 'c-shijia', roles: [{ role: 'committee', scope: STREET._id }], intro: '管委会委员' },
  { id: 'u-resident', name: '马丽', phone: '13810000051', communityId: X, roles: [{ role: 'resident', scope: X }], intro: '居民' },
];

export const OPENING_BALANCES: Record<string, number> = { 'u-vol-1': 150, 'u-vol-2': 60, 'u-elder': 120, 'u-elder-2': 120, 'u-resident': 180 };

/** The OPENID the dev login gives a demo user (managed accounts have none). */
export const demoOpenid = (userId: string): string => `dev-openid-${userId}`;

export const DEMO_ACTIVITIES = { upcoming: 'a-demo-tomorrow', running: 'a-demo-now', past: 'a-demo-past' } as const;

async function seedActivities(db: Database, now: Date): Promise<void> {
  const hour = 3600_000;
  const tomorrow = startOfDay(new Date(now.getTime() + 24 * hour));
  const twoDaysAgo = startOfDay(new Date(now.getTime() - 48 * hour));
  const base = { communityId: X, communityName: '新鲜社区', streetId: STREET._id, organiserId: 'u-staff', createdAt: now };
  const list: Activity[] = [
    {
      _id: DEMO_ACTIVITIES.upcoming,
      ...base,
      title: '周末陪伴独居老人聊天',
      startAt: new Date(tomorrow.getTime() + 9 * hour),
      endAt: new Date(tomorrow.getTime() + 11 * hour),
      place: '新鲜社区活动室',
      capacity: 10,
      maxMinutes: 120,
      signedUp: 1,
    },
    {
      _id: DEMO_ACTIVITIES.running,
      ...base,
      title: '社区助餐送餐',
      startAt: new Date(now.getTime() - 0.5 * hour),
      endAt: new Date(now.getTime() + 1.5 * hour),
      place: '新鲜社区老年餐桌',
      signedUp: 0,
    },
    {
      _id: DEMO_ACTIVITIES.past,
      ...base,
      title: '楼道清理',
      startAt: new Date(twoDaysAgo.getTime() + 14 * hour),
      endAt: new Date(twoDaysAgo.getTime() + 16 * hour),
      place: '新鲜社区 3 号楼',
      signedUp: 0,
    },
  ];
  for (const a of list) await activities.add(db, a);
  await signups.add(db, { _id: signupId(DEMO_ACTIVITIES.upcoming, 'u-vol-1'), activityId: DEMO_ACTIVITIES.upcoming, userId: 'u-vol-1', at: now });
  const running = list[1];
  const past = list[2];
  const record = (activity: Activity, userId: string, over: Partial<AttendanceRecord>): AttendanceRecord => ({
    _id: attendanceId(activity._id, userId),
    activityId: activity._id,
    communityId: X,
    streetId: STREET._id,
    userId,
    checkInAt: activity.startAt,
    method: 'qr',
    operatorId: userId,
    status: 'open',
    flags: [],
    reviewAt: new Date(activity.endAt.getTime() + 30 * 60_000),
    createdAt: activity.startAt,
    ...over,
  });
  const inAt = new Date(past.startAt.getTime() - 5 * 60_000);
  const outAt = new Date(past.endAt.getTime() - 10 * 60_000);
  await attendance.add(db, record(running, 'u-vol-2', { checkInAt: new Date(now.getTime() - 25 * 60_000) }));
  await attendance.add(
    db,
    record(past, 'u-vol-1', { checkInAt: inAt, checkOutAt: outAt, status: 'pending', creditedMinutes: creditedMinutes(past, inAt, outAt), reviewAt: outAt }),
  );
  await attendance.add(
    db,
    record(past, 'u-vol-3', {
      checkInAt: inAt,
      checkOutAt: outAt,
      status: 'rejected',
      creditedMinutes: creditedMinutes(past, inAt, outAt),
      reviewAt: outAt,
      rejectedBy: 'u-staff',
      rejectedAt: new Date(past.endAt.getTime() + hour),
      rejectReason: '签到时不在现场',
    }),
  );
}

export async function seedDemo(db: Database, now: Date): Promise<void> {
  await db.collection('streets').add(STREET);
  await db.collection('communities').add(COMMUNITIES);
  for (const c of COMMUNITIES) {
    const base = { ownerId: c._id, communityId: c._id, streetId: STREET._id, createdAt: now };
    await openAccount(db, { _id: accountIds.issuance(c._id), kind: 'issuance', ...base });
    await openAccount(db, { _id: accountIds.pool(c._id), kind: 'pool', ...base });
  }
  for (const u of DEMO_USERS) {
    const user: User = {
      _id: u.id,
      ...(u.managed ? {} : { openid: demoOpenid(u.id) }),
      name: u.name,
      phone: u.phone,
      communityId: u.communityId,
      streetId: STREET._id,
      managed: !!u.managed,
      roles: u.roles,
      createdAt: now,
      ...(u.birthYear ? { birthYear: u.birthYear } : {}),
      ...(u.address ? { address: u.address } : {}),
      ...(u.managed ? { createdBy: 'u-staff' } : {}),
    };
    await db.collection('users').add(user);
    if (!u.managed) await phoneClaims.add(db, { _id: phoneClaimId(u.phone), userId: u.id });
    const wallet: Omit<LedgerAccount, 'balance'> = {
      _id: accountIds.wallet(u.id),
      kind: 'wallet',
      ownerId: u.id,
      communityId: u.communityId,
      streetId: STREET._id,
      createdAt: now,
    };
    await openAccount(db, wallet);
  }
  const link: ProxyLink = {
    _id: 'pl-proxy-elder',
    proxyId: 'u-proxy',
    elderId: 'u-elder',
    communityId: X,
    streetId: STREET._id,
    scopes: ['help', 'wallet', 'redeem', 'checkin'],
    status: 'active',
    requestedAt: now,
    verifiedBy: 'u-staff',
    verifiedAt: now,
  };
  await db.collection('proxyLinks').add(link);
  await proxyPairs.add(db, { _id: proxyPairId(link.proxyId, link.elderId), linkId: link._id });
  // 陈静 asked to hold 周秀珍; staff have not verified it yet (the screen staff work from).
  const waiting: ProxyLink = {
    _id: 'pl-vol2-elder2',
    proxyId: 'u-vol-2',
    elderId: 'u-elder-2',
    communityId: X,
    streetId: STREET._id,
    scopes: ['help', 'wallet'],
    status: 'requested',
    requestedAt: now,
  };
  await proxyLinks.add(db, waiting);
  await proxyPairs.add(db, { _id: proxyPairId(waiting.proxyId, waiting.elderId), linkId: waiting._id });
  await db.collection('merchants').add({
    _id: 'm-market',
    name: '朝阳门生活超市',
    address: '朝阳门南小街 12 号',
    communityId: X,
    streetId: STREET._id,
    operatorIds: ['u-merchant'],
    status: 'active',
    createdAt: now,
  });
  await openAccount(db, { _id: accountIds.merchant('m-market'), kind: 'merchant', ownerId: 'm-market', communityId: X, streetId: STREET._id, createdAt: now });
  await db.collection('offers').add({
    _id: 'o-market-eggs',
    merchantId: 'm-market',
    streetId: STREET._id,
    title: '鲜鸡蛋一盒（10 枚）',
    description: '凭时间币兑换，每人每月限 2 次',
    priceMinutes: 60,
    stock: 30,
    perPersonMonthlyLimit: 2,
    active: true,
    merchantActive: true,
    createdAt: now,
  });
  await seedActivities(db, now);
  for (const [userId, minutes] of Object.entries(OPENING_BALANCES)) {
    const user = DEMO_USERS.find((u) => u.id === userId)!;
    await inTransaction(db, (tx) =>
      postEntry(
        tx,
        {
          kind: 'opening.balance',
          postings: [
            { accountId: accountIds.issuance(user.communityId), amountMinutes: -minutes },
            { accountId: accountIds.wallet(userId), amountMinutes: minutes },
          ],
          refs: { source: 'demo-seed' },
          operatorId: 'u-staff',
          memo: '朝阳门街道原平台',
        },
        { now, entryId: `e-seed-${userId}`, db },
      ),
    );
  }
  await seedHelps(db, now);
  await seedProjects(db, now);
  await seedFund(db, now);
}

export const DEMO_PROJECTS = { active: 'pj-deyoulin', review: 'pj-haoren', rejected: 'pj-screen', draft: 'pj-draft', closed: 'pj-closed' } as const;

/**
 * The pilot's story in miniature (issue 12), decided by the same deciders a member's taps
 * run: 《德有邻孝老行动》 approved by all three members; 《让好人有好报》 in review with one vote
 * cast; a proposal for a lobby advertising screen rejected by one member; a draft of 李秀英's.
 */
async function seedProjects(db: Database, now: Date): Promise<void> {
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const members = ['u-committee-1', 'u-committee-2', 'u-committee-3'];
  const names: Record<string, string> = { 'u-committee-1': '吴芳', 'u-committee-2': '郑强', 'u-committee-3': '冯敏' };
  const base = (id: string, title: string, need: string, plan: string, budget: Project['budget'], createdAt: Date): Project => ({
    _id: id,
    streetId: STREET._id,
    communityId: 'c-xinxian',
    communityName: '新鲜社区',
    title,
    need,
    plan,
    goalFen: budget.reduce((sum, b) => sum + b.amountFen, 0),
    budget,
    proposerId: 'u-staff',
    proposerName: '李秀英',
    status: 'draft',
    createdAt,
    reviewers: [],
    quorum: 'majority',
    ballots: [],
  });
  const vote = (p: Project, who: string, decision: 'approve' | 'reject' | 'abstain', comment: string | undefined, at: Date) =>
    decideVote(p, { id: who, name: names[who]! }, decision, comment, at);

  let deyoulin = decideSubmit(
    base(
      DEMO_PROJECTS.active,
      '德有邻孝老行动',
      '新鲜社区有 60 多位独居和高龄老人，吃饭、看病、过生日都没人张罗，子女多在外地。',
      '志愿者和老人结对，每周上门一次；每月办一次集体生日会；99公益日发起筹款，不足部分由社区基金补充。',
      [
        { item: '集体生日会（12 次）', amountFen: 1_200_000 },
        { item: '志愿者保险和交通', amountFen: 600_000 },
        { item: '上门服务物资', amountFen: 450_000 },
      ],
      days(60),
    ),
    members,
    'majority',
    days(58),
  );
  deyoulin = vote(deyoulin, 'u-committee-1', 'approve', '老人最需要有人常来看看', days(57));
  deyoulin = vote(deyoulin, 'u-committee-2', 'approve', undefined, days(56));
  deyoulin = vote(deyoulin, 'u-committee-3', 'approve', '预算清楚', days(55));

  let haoren = decideSubmit(
    base(
      DEMO_PROJECTS.review,
      '让好人有好报',
      '长期做志愿服务的居民自己生病或遇到难处时，社区没有办法回报他们。',
      '每季度评选服务时长多的志愿者，为他们提供体检和生活用品；困难时优先安排志愿者帮忙。',
      [
        { item: '志愿者体检（40 人）', amountFen: 1_600_000 },
        { item: '生活用品', amountFen: 400_000 },
      ],
      days(3),
    ),
    members,
    'majority',
    days(2),
  );
  haoren = vote(haoren, 'u-committee-1', 'approve', undefined, days(1));

  let screen = decideSubmit(
    base(
      DEMO_PROJECTS.rejected,
      '楼道电子公告屏',
      '楼道通知贴了就被撕，老人看不到。',
      '在 12 个楼门装电子公告屏，由物业维护。',
      [{ item: '电子屏 12 块', amountFen: 3_600_000 }],
      days(40),
    ),
    members,
    'majority',
    days(39),
  );
  screen = vote(screen, 'u-committee-1', 'approve', undefined, days(38));
  screen = vote(screen, 'u-committee-2', 'reject', '花费大，物业应当承担；纸质公告加大字就能解决', days(37));
  screen = vote(screen, 'u-committee-3', 'abstain', undefined, days(36));

  const draft = base(
    DEMO_PROJECTS.draft,
    '社区助餐点',
    '中午没人做饭的老人不少。',
    '和社区食堂合作，每天中午送餐上门。',
    [{ item: '送餐保温箱', amountFen: 300_000 }],
    days(1),
  );
  let classes = decideSubmit(
    base(
      DEMO_PROJECTS.closed,
      '银龄智能手机课堂',
      '不少老人不会用手机挂号、付款、视频，常被骗，也和子女联系不上。',
      '大学生志愿者每周六在社区活动室上课，一对一教挂号、付款、视频和防骗，共 12 次。',
      [
        { item: '课堂教材印刷', amountFen: 150_000 },
        { item: '志愿者交通补贴', amountFen: 150_000 },
      ],
      days(220),
    ),
    members,
    'majority',
    days(215),
  );
  classes = vote(classes, 'u-committee-1', 'approve', undefined, days(214));
  classes = vote(classes, 'u-committee-2', 'approve', '老人很需要', days(213));
  classes = vote(classes, 'u-committee-3', 'approve', undefined, days(212));
  for (const p of [deyoulin, haoren, screen, draft, classes]) await projects.put(db, p);
}

export const DEMO_HELPS = { open: 'h-demo-open', accepted: 'h-demo-accepted', completed: 'h-demo-completed' } as const;

/**
 * Help requests in three states, made by the same core code a person's taps run (so escrow,
 * messages and the proxy log are as they would be): 马丽's open 陪伴聊天 tomorrow afternoon;
 * 周秀珍's 助餐, taken by staff on the phone (社工代录) and accepted by 刘洋; and 马丽's 代买代办
 * four days ago, done by 孙伟 and confirmed with five stars. u-elder's wallet is left as it was.
 */
async function seedHelps(db: Database, now: Date): Promise<void> {
  const hour = 3600_000;
  let clock = new Date(now.getTime() - 5 * 24 * hour);
  let seq = 0;
  const queue: string[] = [DEMO_HELPS.completed, DEMO_HELPS.open, DEMO_HELPS.accepted];
  const deps: Deps = {
    db,
    clock: { now: () => clock },
    ids: { next: (prefix) => (prefix === 'h' ? queue.shift()! : `${prefix}-seed-${++seq}`) },
    secrets: { qr: () => 'seed', cursor: () => 'seed' },
    random: { token: () => 'seed', digits: (n) => '0'.repeat(n) },
    push: { templates: () => ({}), send: async () => undefined },
    files: localFileStore(process.env.YQ_FILES_DIR ?? '.data/files'),
  };
  const who = async (id: string) => (await users.get(db, id))!;
  const day = (d: Date, h: number, m = 0) => new Date(startOfDay(d).getTime() + h * hour + m * 60_000);
  const resident = await who('u-resident');
  const place = { area: '新鲜胡同 8 号院', address: '新鲜胡同 8 号院 3 单元 502' };
  const done = await postHelpFor(db, deps, resident, resident, {
    category: 'shopping',
    description: '帮忙买菜：西红柿、鸡蛋、挂面',
    when: day(new Date(clock.getTime() + 24 * hour), 9),
    durationMinutes: 60,
    ...place,
    rewardMinutes: 60,
  });
  await moveHelpAs(db, deps, await who('u-proxy'), done, 'accept');
  clock = new Date(clock.getTime() + 26 * hour);
  await moveHelpAs(db, deps, await who('u-proxy'), done, 'done');
  clock = new Date(clock.getTime() + 2 * hour);
  await moveHelpAs(db, deps, resident, done, 'confirm', { rating: 5, comment: '孙伟很细心，谢谢！' });
  clock = now;
  const tomorrow = new Date(now.getTime() + 24 * hour);
  await postHelpFor(db, deps, resident, resident, {
    category: 'chat',
    description: '陪我聊聊天，读读报纸',
    when: day(tomorrow, 15),
    durationMinutes: 60,
    ...place,
    rewardMinutes: 60,
  });
  const elder2 = await who('u-elder-2');
  const meal = await postHelpFor(db, deps, await who('u-staff'), elder2, {
    category: 'meal',
    description: '中午帮忙从老年餐桌取饭送到家',
    when: day(new Date(now.getTime() + 48 * hour), 11, 30),
    durationMinutes: 30,
    area: '新鲜胡同 12 号院',
    address: elder2.address!,
    rewardMinutes: 30,
  });
  await moveHelpAs(db, deps, await who('u-vol-1'), meal, 'accept');
}
