import type { ProjectStatus, Quorum, VoteDecision } from '../contract/fund';

/** A member's answer in a review: a vote, or a declared conflict (recused). */
export interface Ballot {
  memberId: string;
  memberName: string;
  decision: VoteDecision | 'recused';
  /** The vote's comment, or the conflict's reason. */
  comment?: string;
  at: Date;
}

export interface Tally {
  outcome: 'approved' | 'rejected';
  approvals: number;
  rejects: number;
  abstains: number;
  recused: number;
  notVoted: number;
  counted: number;
  needed: number;
  closedBy: 'everyone-voted' | 'deadline';
  at: Date;
}

/**
 * A micro-project (DOMAIN.md "Community fund"). The review is kept on the project itself:
 * the members asked (the committee when it was submitted) and their ballots, at most 30, so
 * a vote and the decision it completes are one write of one document.
 */
export interface Project {
  _id: string;
  streetId: string;
  communityId: string;
  communityName: string;
  title: string;
  need: string;
  plan: string;
  goalFen: number;
  budget: Array<{ item: string; amountFen: number }>;
  proposerId: string;
  proposerName: string;
  status: ProjectStatus;
  createdAt: Date;
  submittedAt?: Date;
  voteDeadline?: Date;
  /** The members asked (the committee when it was submitted; none while a draft) and their rule. */
  reviewers: string[];
  quorum: Quorum;
  ballots: Ballot[];
  tally?: Tally;
}

/** How long the committee has to vote once a project is submitted. */
export const VOTE_DAYS = 7;
