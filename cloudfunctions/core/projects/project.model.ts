import type { Channel, ProjectStatus, Quorum, VoteDecision } from '../contract/fund';

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
  /**
   * Money kept as it happens (fen), by the staff actions that record it, in the same
   * transaction as the ledger entry: what left is, the ledger's balance says.
   */
  raisedFen?: number;
  spentFen?: number;
  goodsFen?: number;
  donationCount?: number;
  /** The last update told to the public (the decision counts as the first). */
  lastUpdateAt?: Date;
  closeReport?: { text: string; at: Date };
}

/** A donation as recorded (DOMAIN.md "Community fund"): money or goods by staff, coins by the giver. */
export interface Donation {
  _id: string;
  projectId: string;
  streetId: string;
  kind: 'money' | 'goods' | 'coins';
  donorName: string;
  anonymous: boolean;
  /** The giver's account, for coins. */
  donorId?: string;
  amountFen?: number;
  goods?: string;
  valueFen?: number;
  amountMinutes?: number;
  channel?: Channel;
  receiptNo?: string;
  givenAt: Date;
  recordedBy: string;
  entryId?: string;
  createdAt: Date;
}

export interface Disbursement {
  _id: string;
  projectId: string;
  streetId: string;
  amountFen: number;
  purpose: string;
  payee: string;
  evidence: string[];
  paidAt: Date;
  recordedBy: string;
  recordedByName: string;
  entryId: string;
  createdAt: Date;
}

export interface ProjectUpdate {
  _id: string;
  projectId: string;
  kind: 'update' | 'close';
  text: string;
  photos: string[];
  authorName: string;
  createdAt: Date;
}

/** A coin donor's running total on a street's thanks board (one document per donor: never hot). */
export interface CoinDonor {
  _id: string;
  streetId: string;
  communityId: string;
  communityName: string;
  donorName: string;
  totalMinutes: number;
  times: number;
  lastAt: Date;
}

/** A project with no update for this long is flagged to staff (disclosure every three months). */
export const STALE_AFTER_DAYS = 90;

/** How long the committee has to vote once a project is submitted. */
export const VOTE_DAYS = 7;
