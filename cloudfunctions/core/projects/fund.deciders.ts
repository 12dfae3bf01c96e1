import type { Quorum } from '../contract/fund';
import { DomainError } from '../errors';
import { approvalsNeeded } from './committee';
import { STALE_AFTER_DAYS, VOTE_DAYS, type Ballot, type Project, type Tally } from './project.model';

/**
 * The committee's review of a micro-project (DOMAIN.md "Community fund"), as pure functions:
 * given the project as read in the transaction, who acts and the time, the project to write —
 * or a refusal with a named error.
 */

const badState = (message: string) => new DomainError('FUND.BAD_STATE', message);

/** A draft goes to review: the committee of the moment is asked, with its rule, for 7 days. */
export function decideSubmit(p: Project, reviewers: string[], quorum: Quorum, now: Date): Project {
  if (p.status !== 'draft') throw badState('这个微项目已经提交过了');
  if (reviewers.length === 0) throw badState('街道还没有管委会，请先请街道管理员设定');
  return { ...p, status: 'review', submittedAt: now, voteDeadline: new Date(now.getTime() + VOTE_DAYS * 86_400_000), reviewers, quorum, ballots: [] };
}

function ballotOf(p: Project, memberId: string): Ballot | undefined {
  return p.ballots.find((b) => b.memberId === memberId);
}

function requireOpenReview(p: Project, memberId: string): void {
  if (p.status !== 'review') throw badState('评审已经结束了');
  if (!p.reviewers.includes(memberId)) throw new DomainError('FUND.NOT_MEMBER');
  const mine = ballotOf(p, memberId);
  if (mine?.decision === 'recused') throw new DomainError('FUND.RECUSED');
  if (mine) throw badState('您已经投过票了');
}

/** Counts the ballots (DOMAIN.md): the recused do not count; one reject rejects; else approvals must reach the quorum. */
export function tallyOf(p: Project, closedBy: Tally['closedBy'], now: Date): Tally {
  const count = (d: Ballot['decision']) => p.ballots.filter((b) => b.decision === d).length;
  const reviewers = p.reviewers.length;
  const recused = count('recused');
  const counted = reviewers - recused;
  const approvals = count('approve');
  const rejects = count('reject');
  const abstains = count('abstain');
  const needed = approvalsNeeded(counted, p.quorum);
  return {
    outcome: rejects === 0 && approvals >= needed && counted > 0 ? 'approved' : 'rejected',
    approvals,
    rejects,
    abstains,
    recused,
    notVoted: counted - approvals - rejects - abstains,
    counted,
    needed,
    closedBy,
    at: now,
  };
}

/** Decides when every member who counts has answered; an approved project goes straight to raising (active). */
function decideIfComplete(p: Project, now: Date): Project {
  if (p.ballots.length < p.reviewers.length) return p;
  return decided(p, tallyOf(p, 'everyone-voted', now));
}

const decided = (p: Project, tally: Tally): Project => ({ ...p, tally, status: tally.outcome === 'approved' ? 'active' : 'rejected' });

export function decideVote(p: Project, member: { id: string; name: string }, decision: Ballot['decision'], comment: string | undefined, now: Date): Project {
  requireOpenReview(p, member.id);
  const ballot: Ballot = { memberId: member.id, memberName: member.name, decision, ...(comment ? { comment } : {}), at: now };
  return decideIfComplete({ ...p, ballots: [...p.ballots, ballot] }, now);
}

/** Staff close the vote once its deadline has passed; those who did not vote count but did not approve. */
export function decideClose(p: Project, now: Date): Project {
  if (p.status !== 'review') throw badState('评审已经结束了');
  if (!p.voteDeadline || now.getTime() < p.voteDeadline.getTime()) throw badState('投票截止时间还没到');
  return decided(p, tallyOf(p, 'deadline', now));
}

// ------------------------------------------------------------------ raising and spending

/** Donations, payments and updates belong to a project that is raising and spending (active). */
export function requireActive(p: Project, doing: string): void {
  if (p.status !== 'active') throw badState(`项目${p.status === 'closed' ? '已经结项' : '还没有通过评审'}，不能${doing}`);
}

/** A receipt's date: when omitted, now; never in the future (a day's grace for clocks and time zones). */
export function givenAt(at: string | undefined, now: Date): Date {
  if (at === undefined) return now;
  const t = new Date(at);
  if (t.getTime() > now.getTime() + 86_400_000) {
    throw new DomainError('INPUT.INVALID', '日期不能晚于今天', { fields: [{ path: 'at', message: '日期不能晚于今天' }] });
  }
  return t;
}

/** The name shown for a donor: 匿名 when they asked, else their name. */
export const donorShown = (name: string | undefined, anonymous: boolean | undefined): string => (anonymous || !name ? '匿名' : name);

/** The project after a recorded donation: money raised, or goods' value, and one more donation. */
export function afterDonation(p: Project, d: { amountFen?: number; valueFen?: number }): Project {
  return {
    ...p,
    raisedFen: (p.raisedFen ?? 0) + (d.amountFen ?? 0),
    goodsFen: (p.goodsFen ?? 0) + (d.valueFen ?? 0),
    donationCount: (p.donationCount ?? 0) + 1,
  };
}

export const afterDisbursement = (p: Project, amountFen: number): Project => ({ ...p, spentFen: (p.spentFen ?? 0) + amountFen });

/** When the project last told the public something: an update, or else the decision that made it active. */
export const lastToldAt = (p: Project): Date | undefined => p.lastUpdateAt ?? p.tally?.at;

/** Active and silent for 90 days: staff owe the public a disclosure (DOMAIN.md: every three months). */
export function isStale(p: Project, now: Date): boolean {
  const told = lastToldAt(p);
  return p.status === 'active' && told !== undefined && now.getTime() - told.getTime() > STALE_AFTER_DAYS * 86_400_000;
}

/** Closing: only an active project, with its report; it then takes no donation and no payment. */
export function decideCloseProject(p: Project, report: string, now: Date): Project {
  requireActive(p, '结项');
  return { ...p, status: 'closed', closeReport: { text: report, at: now }, lastUpdateAt: now };
}
