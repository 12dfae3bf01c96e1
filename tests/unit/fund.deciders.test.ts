import { approvalsNeeded } from '../../cloudfunctions/core/projects/committee';
import {
  afterDisbursement,
  afterDonation,
  decideClose,
  decideCloseProject,
  decideSubmit,
  decideVote,
  donorShown,
  givenAt,
  isStale,
  lastToldAt,
  requireActive,
  tallyOf,
} from '../../cloudfunctions/core/projects/fund.deciders';
import type { Ballot, Project } from '../../cloudfunctions/core/projects/project.model';
import { refused } from '../support/domain';

/** DOMAIN.md "Community fund", the committee's review, rule by rule: given a project and who acts, when…, then… */
const NOW = new Date('2026-11-22T10:00:00+08:00');
const DAY = 86_400_000;
const draft = (over: Partial<Project> = {}): Project => ({
  _id: 'pj1',
  streetId: 's-1',
  communityId: 'c-a',
  communityName: '新鲜社区',
  title: '德有邻孝老行动',
  need: 'n',
  plan: 'p',
  goalFen: 100_000,
  budget: [{ item: '物资', amountFen: 100_000 }],
  proposerId: 'staff',
  proposerName: '李秀英',
  status: 'draft',
  createdAt: NOW,
  reviewers: [],
  quorum: 'majority',
  ballots: [],
  ...over,
});
const inReview = (reviewers = ['m1', 'm2', 'm3']) => decideSubmit(draft(), reviewers, 'majority', NOW);
const member = (id: string) => ({ id, name: `委员${id}` });
const answer = (p: Project, ...votes: Array<[string, Ballot['decision']]>) => votes.reduce((q, [id, d]) => decideVote(q, member(id), d, undefined, NOW), p);

describe('submitting', () => {
  it('a draft goes to the committee of the moment, with its rule, for seven days', () => {
    const p = decideSubmit(draft(), ['m1', 'm2'], 'two-thirds', NOW);
    expect(p).toMatchObject({
      status: 'review',
      submittedAt: NOW,
      voteDeadline: new Date(NOW.getTime() + 7 * DAY),
      reviewers: ['m1', 'm2'],
      quorum: 'two-thirds',
      ballots: [],
    });
  });
  it('only a draft, and only when there is a committee', () => {
    expect(refused(() => decideSubmit(draft({ status: 'review' }), ['m1'], 'majority', NOW))).toEqual({
      code: 'FUND.BAD_STATE',
      message: '这个微项目已经提交过了',
    });
    expect(refused(() => decideSubmit(draft(), [], 'majority', NOW))).toEqual({ code: 'FUND.BAD_STATE', message: '街道还没有管委会，请先请街道管理员设定' });
  });
});

describe('voting', () => {
  it('a ballot is recorded with its comment; nothing is decided while someone who counts has not answered', () => {
    const p = decideVote(inReview(), member('m1'), 'approve', '很需要', NOW);
    expect(p.ballots).toEqual([{ memberId: 'm1', memberName: '委员m1', decision: 'approve', comment: '很需要', at: NOW }]);
    expect(p.status).toBe('review');
    expect(p.tally).toBeUndefined();
    expect(decideVote(inReview(), member('m1'), 'approve', undefined, NOW).ballots[0]).not.toHaveProperty('comment');
  });
  it('the last answer decides: approved projects go straight to raising (active), rejected ones stop', () => {
    const p = answer(inReview(), ['m1', 'approve'], ['m2', 'approve'], ['m3', 'abstain']);
    expect(p.status).toBe('active');
    expect(p.tally).toEqual({
      outcome: 'approved',
      approvals: 2,
      rejects: 0,
      abstains: 1,
      recused: 0,
      notVoted: 0,
      counted: 3,
      needed: 2,
      closedBy: 'everyone-voted',
      at: NOW,
    });
    expect(answer(inReview(), ['m1', 'approve'], ['m2', 'approve'], ['m3', 'reject']).status).toBe('rejected');
  });
  it('refused: a non-member, a recused member, a second vote, a project not in review — each in words', () => {
    const p = answer(inReview(), ['m1', 'recused'], ['m2', 'approve']);
    expect(refused(() => decideVote(p, member('x'), 'approve', undefined, NOW))).toMatchObject({ code: 'FUND.NOT_MEMBER' });
    expect(refused(() => decideVote(p, member('m1'), 'approve', undefined, NOW))).toMatchObject({ code: 'FUND.RECUSED' });
    expect(refused(() => decideVote(p, member('m2'), 'reject', undefined, NOW))).toEqual({ code: 'FUND.BAD_STATE', message: '您已经投过票了' });
    expect(refused(() => decideVote(draft(), member('m1'), 'approve', undefined, NOW))).toEqual({ code: 'FUND.BAD_STATE', message: '评审已经结束了' });
    expect(refused(() => decideVote(answer(p, ['m3', 'approve']), member('m3'), 'approve', undefined, NOW))).toMatchObject({ code: 'FUND.BAD_STATE' });
  });
});

describe('the tally', () => {
  const tally = (reviewers: number, quorum: Project['quorum'], ...ds: Array<Ballot['decision']>) =>
    tallyOf(
      {
        ...inReview(Array.from({ length: reviewers }, (_, i) => `m${i}`)),
        quorum,
        ballots: ds.map((d, i) => ({ memberId: `m${i}`, memberName: '', decision: d, at: NOW })),
      },
      'deadline',
      NOW,
    );
  it('the recused do not count, in the members or in the quorum', () => {
    expect(tally(3, 'majority', 'recused', 'approve', 'approve')).toMatchObject({ outcome: 'approved', counted: 2, needed: 2, recused: 1 });
    expect(tally(3, 'majority', 'recused', 'approve', 'abstain')).toMatchObject({ outcome: 'rejected', counted: 2, needed: 2 });
  });
  it('one reject rejects, however many approve', () => {
    expect(tally(5, 'majority', 'approve', 'approve', 'approve', 'approve', 'reject')).toMatchObject({ outcome: 'rejected', approvals: 4, rejects: 1 });
  });
  it('approvals must reach the quorum of counted members, to the vote', () => {
    expect(tally(4, 'majority', 'approve', 'approve', 'abstain', 'abstain').outcome).toBe('rejected');
    expect(tally(4, 'majority', 'approve', 'approve', 'approve', 'abstain').outcome).toBe('approved');
    expect(tally(3, 'two-thirds', 'approve', 'approve', 'abstain').outcome).toBe('approved');
    expect(tally(3, 'all', 'approve', 'approve', 'abstain').outcome).toBe('rejected');
    expect(tally(3, 'all', 'approve', 'approve', 'approve').outcome).toBe('approved');
  });
  it('those who did not vote by the deadline count, and did not approve', () => {
    expect(tally(3, 'majority', 'approve')).toMatchObject({ outcome: 'rejected', approvals: 1, notVoted: 2, counted: 3 });
    expect(tally(4, 'majority', 'reject', 'abstain')).toMatchObject({ rejects: 1, abstains: 1, notVoted: 2 });
  });
  it('when every member stepped aside nobody can approve it', () => {
    expect(tally(2, 'all', 'recused', 'recused')).toMatchObject({ outcome: 'rejected', counted: 0, needed: 0 });
  });
  it('approvals needed: more than half, two thirds rounded up, or all', () => {
    expect([4, 5].map((n) => [approvalsNeeded(n, 'majority'), approvalsNeeded(n, 'two-thirds'), approvalsNeeded(n, 'all')])).toEqual([
      [3, 3, 4],
      [3, 4, 5],
    ]);
  });
});

describe('closing the vote', () => {
  it('not before the deadline; at the deadline it is decided with the votes cast', () => {
    const p = answer(inReview(), ['m1', 'approve'], ['m2', 'approve']);
    const deadline = p.voteDeadline!;
    expect(refused(() => decideClose(p, new Date(deadline.getTime() - 1)))).toEqual({ code: 'FUND.BAD_STATE', message: '投票截止时间还没到' });
    const closed = decideClose(p, deadline);
    expect(closed.status).toBe('active');
    expect(closed.tally).toMatchObject({ closedBy: 'deadline', approvals: 2, notVoted: 1, at: deadline });
  });
  it('only a project in review', () => {
    expect(refused(() => decideClose(draft({ voteDeadline: NOW }), NOW))).toEqual({ code: 'FUND.BAD_STATE', message: '评审已经结束了' });
  });
});

describe('raising and spending', () => {
  const active = (over: Partial<Project> = {}): Project => ({ ...answer(inReview(), ['m1', 'approve'], ['m2', 'approve'], ['m3', 'approve']), ...over });

  it('only an active project takes donations, payments, updates and its close', () => {
    expect(active().status).toBe('active');
    expect(() => requireActive(active(), '登记捐赠')).not.toThrow();
    expect(refused(() => requireActive(inReview(), '登记捐赠'))).toEqual({ code: 'FUND.BAD_STATE', message: '项目还没有通过评审，不能登记捐赠' });
    expect(refused(() => requireActive(active({ status: 'closed' }), '登记支出'))).toEqual({ code: 'FUND.BAD_STATE', message: '项目已经结项，不能登记支出' });
    expect(refused(() => requireActive(active({ status: 'rejected' }), '发布进展')).code).toBe('FUND.BAD_STATE');
  });

  it('a donation adds money to raised, goods to their value, and one to the count', () => {
    const p = afterDonation(afterDonation(active(), { amountFen: 1000 }), { valueFen: 250 });
    expect(p).toMatchObject({ raisedFen: 1000, goodsFen: 250, donationCount: 2 });
    expect(afterDonation(p, { amountFen: 1 })).toMatchObject({ raisedFen: 1001, goodsFen: 250, donationCount: 3 });
    expect(afterDisbursement(afterDisbursement(p, 300), 200).spentFen).toBe(500);
  });

  it('a donor is shown by name, or as 匿名 when asked or unnamed', () => {
    expect(donorShown('新鲜物业', false)).toBe('新鲜物业');
    expect(donorShown('新鲜物业', undefined)).toBe('新鲜物业');
    expect(donorShown('新鲜物业', true)).toBe('匿名');
    expect(donorShown(undefined, false)).toBe('匿名');
  });

  it('a receipt date is now when omitted, may be today, and never in the future beyond a day', () => {
    expect(givenAt(undefined, NOW)).toEqual(NOW);
    expect(givenAt('2026-09-09T10:00:00+08:00', NOW)).toEqual(new Date('2026-09-09T10:00:00+08:00'));
    const edge = new Date(NOW.getTime() + DAY).toISOString();
    expect(givenAt(edge, NOW)).toEqual(new Date(edge));
    const beyond = new Date(NOW.getTime() + DAY + 1).toISOString();
    expect(refused(() => givenAt(beyond, NOW))).toEqual({
      code: 'INPUT.INVALID',
      message: '日期不能晚于今天',
      details: { fields: [{ path: 'at', message: '日期不能晚于今天' }] },
    });
  });

  it('silent for more than 90 days since the decision or the last update: flagged; exactly 90 days is not', () => {
    const p = active();
    const decidedAt = p.tally!.at;
    expect(lastToldAt(p)).toEqual(decidedAt);
    expect(isStale(p, new Date(decidedAt.getTime() + 90 * DAY))).toBe(false);
    expect(isStale(p, new Date(decidedAt.getTime() + 90 * DAY + 1))).toBe(true);
    const told = { ...p, lastUpdateAt: new Date(decidedAt.getTime() + 80 * DAY) };
    expect(lastToldAt(told)).toEqual(told.lastUpdateAt);
    expect(isStale(told, new Date(decidedAt.getTime() + 91 * DAY))).toBe(false);
    // Only a project still raising and spending owes a disclosure.
    expect(isStale({ ...p, status: 'closed' }, new Date(decidedAt.getTime() + 200 * DAY))).toBe(false);
    expect(isStale(inReview(), new Date(NOW.getTime() + 200 * DAY))).toBe(false);
    // A project made active before decisions were kept has nothing to count from: not flagged.
    expect(isStale({ ...p, tally: undefined }, new Date(decidedAt.getTime() + 200 * DAY))).toBe(false);
  });

  it('closing keeps the report and its time, counts as an update, and only from active', () => {
    const later = new Date(NOW.getTime() + 30 * DAY);
    expect(decideCloseProject(active(), '结项报告', later)).toMatchObject({
      status: 'closed',
      closeReport: { text: '结项报告', at: later },
      lastUpdateAt: later,
    });
    expect(refused(() => decideCloseProject(active({ status: 'closed' }), '再结一次', later))).toEqual({
      code: 'FUND.BAD_STATE',
      message: '项目已经结项，不能结项',
    });
  });
});
