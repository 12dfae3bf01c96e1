import type { HelpCategory, HelpMove, HelpStatus } from '../contract/help';

/** A help request (求助), DOMAIN.md "Help requests". Coins are in its escrow account while it is live. */
export interface HelpRequest {
  _id: string;
  requesterId: string;
  requesterName: string;
  /** A managed account (no WeChat): staff may act for them. */
  requesterManaged: boolean;
  /** Who pressed 发布: the requester, a proxy for them, or staff on the phone (社工代录). */
  postedBy: string;
  via: 'self' | 'proxy' | 'staff';
  communityId: string;
  communityName: string;
  streetId: string;
  category: HelpCategory;
  description: string;
  when: Date;
  durationMinutes: number;
  area: string;
  address: string;
  rewardMinutes: number;
  status: HelpStatus;
  volunteerId?: string;
  volunteerName?: string;
  offeredTo?: string;
  offeredUntil?: Date;
  rating?: number;
  comment?: string;
  disputeReason?: string;
  resolution?: { outcome: 'pay' | 'refund'; note: string; by: string; at: Date };
  autoCompleted?: boolean;
  /** When the proxy and staff were told it would complete by itself. */
  remindedAt?: Date;
  createdAt: Date;
  acceptedAt?: Date;
  doneAt?: Date;
  /** When it reached completed, cancelled or expired. */
  closedAt?: Date;
  rebookOf?: string;
}

/** How a person stands to a request; decided by the repository from links and roles. */
export interface Standing {
  userId: string;
  /** The requester themself. */
  requester: boolean;
  /** Holds an active proxy link to the requester with the `help` scope. */
  proxyWithHelp: boolean;
  /** Holds any active proxy link to the requester (may not take their requests). */
  holdsRequester: boolean;
  /** Staff of the request's community (or the street admin). */
  staff: boolean;
  /** The requester is a managed account (staff act for them). */
  requesterManaged: boolean;
  /** Has the volunteer role in the request's street. */
  volunteer: boolean;
}

export type SystemMove = 'expire' | 'autoComplete' | 'remind';

/** Three days after done with no answer, a request completes by itself; a day before, people are told. */
export const AUTO_COMPLETE_MS = 3 * 24 * 3600_000;
export const REMIND_BEFORE_MS = 24 * 3600_000;
/** Book again: the same volunteer is offered it first for 24 hours. */
export const OFFER_FIRST_MS = 24 * 3600_000;
/** The full address stays with the volunteer until a day after completion. */
export const ADDRESS_AFTER_CLOSE_MS = 24 * 3600_000;
/** How far ahead a request may be posted. */
export const MAX_AHEAD_MS = 60 * 24 * 3600_000;

export type { HelpMove };
