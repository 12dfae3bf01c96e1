import { DomainError } from '../errors';
import type { ProxyLink, User } from '../identity/identity.model';
import { isStaffOf } from '../identity/identity.rules';
import {
  ADDRESS_AFTER_CLOSE_MS,
  AUTO_COMPLETE_MS,
  MAX_AHEAD_MS,
  REMIND_BEFORE_MS,
  type HelpMove,
  type HelpRequest,
  type Standing,
  type SystemMove,
} from './help.model';

/**
 * The help request's state machine (DOMAIN.md "Help requests"), as pure functions
 * (STYLE.md "A decider is a pure function"): given the request as read in the transaction,
 * how the caller stands to it and the time, each move answers the change to write, what
 * happens to the escrowed coins, and who is told — or refuses with a named error.
 */
export type Money = 'pay' | 'refund';
export type Audience = 'requester' | 'volunteer' | 'staff';

export interface Decision {
  patch: Partial<HelpRequest>;
  /** Escrow → volunteer ('pay') or → requester ('refund'); none while the request lives. */
  money?: Money;
  /** Who is told, and what happened (a message kind). */
  tell: Array<{ to: Audience; kind: string }>;
}

export interface MoveInput {
  rating?: number;
  comment?: string;
  reason?: string;
  outcome?: Money;
  note?: string;
  /** The caller's name, kept on the request when they accept. */
  name?: string;
}

/** The requester's side: themself, a proxy with the help scope, or staff for a managed account. */
export const onRequesterSide = (s: Standing): boolean => s.requester || s.proxyWithHelp || (s.staff && s.requesterManaged);

const forbidden = (message: string): DomainError => new DomainError('AUTH.FORBIDDEN', message);
const badState = (message?: string): DomainError => new DomainError('HELP.BAD_STATE', message);

function requireRequesterSide(s: Standing): void {
  if (!onRequesterSide(s)) throw forbidden('只有求助人、代持人或社区社工可以这样做');
}

export function decideMove(h: HelpRequest, move: HelpMove, s: Standing, now: Date, input: MoveInput = {}): Decision {
  switch (move) {
    case 'accept': {
      if (h.status === 'accepted' || h.status === 'done' || h.status === 'completed' || h.status === 'disputed') throw new DomainError('HELP.TAKEN');
      if (h.status !== 'open' || h.when.getTime() <= now.getTime()) throw new DomainError('HELP.NOT_OPEN');
      if (s.requester || s.holdsRequester || h.postedBy === s.userId) throw new DomainError('HELP.OWN_REQUEST');
      if (!s.volunteer) throw forbidden('接单需要先成为志愿者');
      if (h.offeredTo && h.offeredTo !== s.userId && h.offeredUntil && now.getTime() < h.offeredUntil.getTime()) throw new DomainError('HELP.RESERVED');
      return {
        patch: { status: 'accepted', volunteerId: s.userId, volunteerName: input.name ?? '', acceptedAt: now },
        tell: [{ to: 'requester', kind: 'help.accepted' }],
      };
    }
    case 'withdraw': {
      if (h.volunteerId !== s.userId) throw forbidden('只有接单的志愿者可以退单');
      if (h.status !== 'accepted') throw badState('已经完成的求助不能退单');
      return {
        patch: { status: 'open', volunteerId: undefined, volunteerName: undefined, acceptedAt: undefined },
        tell: [{ to: 'requester', kind: 'help.withdrawn' }],
      };
    }
    case 'done': {
      if (h.volunteerId !== s.userId) throw forbidden('只有接单的志愿者可以说明已完成');
      if (h.status !== 'accepted') throw badState();
      return { patch: { status: 'done', doneAt: now }, tell: [{ to: 'requester', kind: 'help.done' }] };
    }
    case 'confirm': {
      requireRequesterSide(s);
      if (h.status !== 'done') throw badState('志愿者还没有说明已完成，现在不能确认');
      if (input.rating === undefined || !Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
        throw new DomainError('INPUT.INVALID', '请选择 1 到 5 颗星', { fields: [{ path: 'rating', message: '请选择 1 到 5 颗星' }] });
      }
      return {
        patch: { status: 'completed', rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), closedAt: now },
        money: 'pay',
        tell: [{ to: 'volunteer', kind: 'help.completed' }],
      };
    }
    case 'dispute': {
      requireRequesterSide(s);
      if (h.status !== 'done') throw badState('只有志愿者说明已完成的求助才能提出异议');
      return {
        patch: { status: 'disputed', disputeReason: input.reason ?? '' },
        tell: [
          { to: 'volunteer', kind: 'help.disputed' },
          { to: 'staff', kind: 'help.disputed' },
        ],
      };
    }
    case 'resolve': {
      if (!s.staff) throw forbidden('只有本社区的社工可以处理异议');
      if (h.status !== 'disputed') throw badState('这条求助没有异议需要处理');
      const outcome = input.outcome;
      if (outcome !== 'pay' && outcome !== 'refund') {
        throw new DomainError('INPUT.INVALID', '请选择付给志愿者还是退回求助人', { fields: [{ path: 'outcome', message: '请选择' }] });
      }
      return {
        patch: {
          status: outcome === 'pay' ? 'completed' : 'cancelled',
          resolution: { outcome, note: input.note ?? '', by: s.userId, at: now },
          closedAt: now,
        },
        money: outcome,
        tell: [
          { to: 'requester', kind: 'help.resolved' },
          { to: 'volunteer', kind: 'help.resolved' },
        ],
      };
    }
    case 'cancel': {
      requireRequesterSide(s);
      if (h.status !== 'open' && h.status !== 'accepted') throw badState('志愿者已经完成的求助不能取消，可以提出异议');
      return {
        patch: { status: 'cancelled', closedAt: now },
        money: 'refund',
        tell: h.status === 'accepted' ? [{ to: 'volunteer', kind: 'help.cancelled' }] : [],
      };
    }
    case 'rebook': {
      requireRequesterSide(s);
      if (h.status !== 'completed' || !h.volunteerId || h.resolution?.outcome === 'refund') throw badState('只有完成了的求助可以再约一次');
      return { patch: {}, tell: [] };
    }
  }
}

/** What the timer does (expire, complete after three days, remind a day before); null when it is not due. */
export function decideSystemMove(h: HelpRequest, move: SystemMove, now: Date): Decision | null {
  const t = now.getTime();
  switch (move) {
    case 'expire':
      if (h.status !== 'open' || h.when.getTime() > t) return null;
      return { patch: { status: 'expired', closedAt: now }, money: 'refund', tell: [{ to: 'requester', kind: 'help.expired' }] };
    case 'autoComplete':
      if (h.status !== 'done' || !h.doneAt || h.doneAt.getTime() + AUTO_COMPLETE_MS > t) return null;
      return {
        patch: { status: 'completed', autoCompleted: true, closedAt: now },
        money: 'pay',
        tell: [
          { to: 'volunteer', kind: 'help.completed' },
          { to: 'requester', kind: 'help.autoCompleted' },
        ],
      };
    case 'remind':
      if (h.status !== 'done' || !h.doneAt || h.remindedAt || h.doneAt.getTime() + AUTO_COMPLETE_MS - REMIND_BEFORE_MS > t) return null;
      return {
        patch: { remindedAt: now },
        tell: [
          { to: 'requester', kind: 'help.completing' },
          { to: 'staff', kind: 'help.completing' },
        ],
      };
  }
}

/** The moves a person may make now: exactly those the decider allows (pages show these and no others). */
export function movesFor(h: HelpRequest, s: Standing, now: Date): HelpMove[] {
  const all: HelpMove[] = ['accept', 'withdraw', 'done', 'confirm', 'dispute', 'cancel', 'rebook', 'resolve'];
  return all.filter((m) => {
    try {
      decideMove(h, m, s, now, { rating: 5, outcome: 'pay' });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Privacy (DOMAIN.md): the full address and the requester's phone go only to the volunteer who
 * accepted (until a day after it closed), the requester's side and staff. Everyone else sees
 * the area.
 */
export function maySeeAddress(h: HelpRequest, s: Standing, now: Date): boolean {
  if (s.requester || s.holdsRequester || s.staff || h.postedBy === s.userId) return true;
  if (!h.volunteerId || h.volunteerId !== s.userId) return false;
  if (h.status === 'accepted' || h.status === 'done' || h.status === 'disputed') return true;
  return h.status === 'completed' && !!h.closedAt && now.getTime() <= h.closedAt.getTime() + ADDRESS_AFTER_CLOSE_MS;
}

/** When a request may be posted for: after now, at most 60 days ahead. */
export function checkWhen(when: Date, now: Date): void {
  if (when.getTime() <= now.getTime()) {
    throw new DomainError('INPUT.INVALID', '这个时间已经过去了，请选一个以后的时间', { fields: [{ path: 'when', message: '时间已经过去' }] });
  }
  if (when.getTime() > now.getTime() + MAX_AHEAD_MS) {
    throw new DomainError('INPUT.INVALID', '最多提前 60 天发布求助', { fields: [{ path: 'when', message: '最多提前 60 天' }] });
  }
}

/**
 * How a person stands to a request, from their roles and the active proxy links they hold
 * (`held`: read outside the transaction, a query).
 */
export function standingOf(user: User, h: HelpRequest, held: ProxyLink[]): Standing {
  const links = held.filter((l) => l.proxyId === user._id && l.elderId === h.requesterId && l.status === 'active');
  return {
    userId: user._id,
    requester: user._id === h.requesterId,
    proxyWithHelp: links.some((l) => l.scopes.includes('help')),
    holdsRequester: links.length > 0,
    staff: isStaffOf(user, { _id: h.communityId, streetId: h.streetId }),
    requesterManaged: h.requesterManaged,
    volunteer: user.streetId === h.streetId && user.roles.some((g) => g.role === 'volunteer'),
  };
}
