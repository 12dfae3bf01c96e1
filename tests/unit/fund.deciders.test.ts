import { approvalsNeeded } from '../../cloudfunctions/core/projects/committee';
import { decideClose, decideSubmit, decideVote, tallyOf } from '../../cloudfunctions/core/projects/fund.deciders';
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
