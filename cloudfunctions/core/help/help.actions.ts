import { HELP_CATEGORY_LABELS, type HelpMove } from '../contract/help';
import type { Database } from '../db/app';
import { pageAnswer, pageOf, type CursorCodec, type Page } from '../db/paging';
import { inTransaction, type Tx } from '../db/tx';
import { DomainError } from '../errors';
import { actingFor } from '../identity/acting-for';
import type { User } from '../identity/identity.model';
import { activeLinksOf, communitiesOf, getCommunity, getUser, users } from '../identity/identity.repository';
import { isStaffOf, requireStaffOf } from '../identity/identity.rules';
import { recordActFor } from '../identity/proxy-acts';
import { accountIds } from '../ledger/ledger.model';
import { openAccount, postEntry } from '../ledger/ledger.repository';
import type { Deps } from '../runtime';
import type { ActionContext, Impls } from '../shell';
import { checkWhen, decideMove, standingOf, type Decision, type MoveInput } from './help.deciders';
import { OFFER_FIRST_MS, type HelpRequest } from './help.model';
import { tellAboutHelp } from './help.notes';
import { helpFor, helps, saveHelp } from './help.repository';
import { helpView } from './help.views';

const leaseOf = (helpId: string): string => `help:${helpId}`;

/** Moves the escrowed coins when a request ends: to the volunteer, or back to the requester. */
async function settle(tx: Tx, deps: Deps, h: HelpRequest, money: 'pay' | 'refund', operatorId: string): Promise<void> {
  const to = money === 'pay' ? accountIds.wallet(h.volunteerId!) : accountIds.wallet(h.requesterId);
  await postEntry(
    tx,
    {
      kind: money === 'pay' ? 'help.pay' : 'help.refund',
      postings: [
        { accountId: accountIds.escrow(h._id), amountMinutes: -h.rewardMinutes },
        { accountId: to, amountMinutes: h.rewardMinutes },
      ],
      refs: { helpId: h._id },
      operatorId,
      memo: HELP_CATEGORY_LABELS[h.category],
    },
    { now: deps.clock.now(), entryId: `e-${money}-${h._id}`, db: deps.db },
  );
}

/**
 * Applies a decision to a request in the transaction: the new state, the coins, what was done
 * for the requester by someone else (the proxy log), and the messages.
 */
export async function applyDecision(tx: Tx, deps: Deps, actor: User | null, h: HelpRequest, d: Decision, what?: string): Promise<HelpRequest> {
  const next = { ...h, ...d.patch } as HelpRequest;
  await saveHelp(tx, next);
  if (d.money) await settle(tx, deps, next, d.money, actor?._id ?? 'system');
  if (actor && what) await recordActFor(tx, deps, actor._id, h.requesterId, `${what}：${HELP_CATEGORY_LABELS[h.category]}`, { helpId: h._id });
  await tellAboutHelp(tx, deps, actor, next, h, d.tell);
  return next;
}

/** The words of the proxy log for moves made on the requester's side. */
const REQUESTER_SIDE_WORDS: Partial<Record<HelpMove, string>> = { confirm: '确认求助完成', dispute: '对求助提出异议', cancel: '取消求助' };

type MoveCtx = ActionContext<{ helpId: string; forUserId?: string } & MoveInput>;

/** One move by a person, in the transaction `tx`: read, decide, apply. */
async function moveIn(tx: Tx, deps: Deps, user: User, helpId: string, m: HelpMove, input: MoveInput & { forUserId?: string } = {}) {
  const now = deps.clock.now();
  const h = await helpFor(tx, helpId, user.streetId);
  // forUserId, when given, must name the requester: acting "for" anyone else is a mistake.
  if (input.forUserId && input.forUserId !== h.requesterId) throw new DomainError('AUTH.FORBIDDEN', '这条求助不是这位居民的');
  const standing = standingOf(user, h, await activeLinksOf(deps.db, user._id));
  const d = decideMove(h, m, standing, now, { ...input, name: user.name });
  const next = await applyDecision(tx, deps, user, h, d, REQUESTER_SIDE_WORDS[m]);
  return { help: helpView(next, standing, now) };
}

const move = (ctx: MoveCtx, m: HelpMove, input: MoveInput = {}) =>
  moveIn(ctx.tx, ctx.deps, ctx.user, ctx.input.helpId, m, { ...input, forUserId: ctx.input.forUserId });

type HelpFields = Pick<HelpRequest, 'category' | 'description' | 'when' | 'durationMinutes' | 'area' | 'address' | 'rewardMinutes'> & Partial<HelpRequest>;

/** Posting and moving outside a call (the demo seed): the same code, each in its own transaction. */
export const postHelpFor = (db: Database, deps: Deps, user: User, requester: User, fields: HelpFields): Promise<string> =>
  inTransaction(db, async (tx) => (await open({ deps, user, tx }, requester, fields))._id);
export const moveHelpAs = (db: Database, deps: Deps, user: User, helpId: string, m: HelpMove, input: MoveInput = {}): Promise<unknown> =>
  inTransaction(db, (tx) => moveIn(tx, deps, user, helpId, m, input));

/** Opens a request: checks, the escrow account, the coins held, the request itself. */
async function open(ctx: { deps: Deps; user: User; tx: Tx }, requester: User, fields: HelpFields): Promise<HelpRequest> {
  const { deps, user, tx } = ctx;
  const now = deps.clock.now();
  checkWhen(fields.when, now);
  const community = await getCommunity(tx, requester.communityId);
  if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
  const self = requester._id === user._id;
  const h: HelpRequest = {
    _id: deps.ids.next('h'),
    requesterId: requester._id,
    requesterName: requester.name,
    requesterManaged: requester.managed,
    postedBy: user._id,
    // Staff on the phone for a managed elder is 社工代录; anyone else acting for them holds a link.
    via: self ? 'self' : requester.managed && isStaffOf(user, community) ? 'staff' : 'proxy',
    communityId: community._id,
    communityName: community.name,
    streetId: community.streetId,
    status: 'open',
    createdAt: now,
    ...fields,
  };
  await openAccount(tx, {
    _id: accountIds.escrow(h._id),
    kind: 'escrow',
    ownerId: h._id,
    communityId: community._id,
    streetId: community.streetId,
    createdAt: now,
  });
  await postEntry(
    tx,
    {
      kind: 'help.escrow',
      postings: [
        { accountId: accountIds.wallet(requester._id), amountMinutes: -h.rewardMinutes },
        { accountId: accountIds.escrow(h._id), amountMinutes: h.rewardMinutes },
      ],
      refs: { helpId: h._id },
      operatorId: user._id,
      ...(self ? {} : { actedForId: requester._id }),
      memo: HELP_CATEGORY_LABELS[h.category],
    },
    { now, entryId: `e-escrow-${h._id}`, db: deps.db },
  );
  await helps.add(tx, h);
  await recordActFor(tx, deps, user._id, requester._id, `${fields.rebookOf ? '再约一次' : '发布求助'}：${HELP_CATEGORY_LABELS[h.category]}`, { helpId: h._id });
  return h;
}

/** Open requests for volunteers: the caller's community first, then the street's others, each soonest first. */
async function openNearby(db: Database, codec: CursorCodec, user: User, now: Date, cursor?: string): Promise<Page<HelpRequest>> {
  const communities = (await communitiesOf(db, user.streetId)).map((c) => c._id);
  const order = [user.communityId, ...communities.filter((c) => c !== user.communityId)];
  let [index, inner] = cursor ? (codec.decode('help.open', cursor) as [number, string]) : [0, ''];
  if (typeof index !== 'number' || typeof inner !== 'string' || index < 0 || index >= order.length)
    throw new DomainError('INPUT.INVALID', '翻页参数无效，请从第一页重新查看');
  const items: HelpRequest[] = [];
  const limit = 20;
  for (; index < order.length && items.length < limit; index++, inner = '') {
    const page = await pageOf(db, helps, codec, {
      where: { communityId: order[index], status: 'open', when: db.command.gt(now) },
      field: 'when',
      dir: 'asc',
      valueOf: (h) => h.when,
      cursor: inner || undefined,
      limit: limit - items.length,
      scope: `help.open:${order[index]}`,
    });
    items.push(...page.items);
    if (page.nextCursor) return { items, nextCursor: codec.encode('help.open', [index, page.nextCursor]) };
  }
  return index < order.length ? { items, nextCursor: codec.encode('help.open', [index, '']) } : { items };
}

export const helpActions: Impls<'help'> = {
  post: {
    auth: 'registered',
    // The requester's wallet is spent from: posts from one wallet queue instead of conflicting.
    async leases({ user, input }) {
      return { keys: [accountIds.wallet(input.forUserId ?? user._id)] };
    },
    async run({ deps, user, input, tx }) {
      const requester = await actingFor(deps.db, tx, user, input.forUserId, 'help');
      const h = await open({ deps, user, tx }, requester, {
        category: input.category,
        description: input.description,
        when: new Date(input.when),
        durationMinutes: input.durationMinutes,
        area: input.place.area,
        address: input.place.address,
        rewardMinutes: input.rewardMinutes,
      });
      // A phone order tells the family: staff posted for their elder.
      if (h.via === 'staff') await tellAboutHelp(tx, deps, user, h, h, [{ to: 'requester', kind: 'help.posted' }]);
      const standing = standingOf(user, h, await activeLinksOf(deps.db, user._id));
      return { help: helpView(h, standing, deps.clock.now()) };
    },
  },

  list: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const now = deps.clock.now();
      const newestFirst = (where: Partial<HelpRequest>, scope: string) =>
        pageOf(deps.db, helps, cursors, { where, field: 'createdAt', dir: 'desc', valueOf: (h) => h.createdAt, cursor: input.cursor, scope });
      let page: Page<HelpRequest>;
      if (input.forUserId) {
        const requester = await actingFor(deps.db, deps.db, user, input.forUserId, 'help');
        page = await newestFirst({ requesterId: requester._id }, `help.of:${requester._id}`);
      } else if (input.mine) {
        page = await newestFirst({ volunteerId: user._id }, `help.mine:${user._id}`);
      } else if (input.communityId) {
        const community = await getCommunity(deps.db, input.communityId);
        if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
        requireStaffOf(user, community);
        page = await pageOf(deps.db, helps, cursors, {
          where: { communityId: community._id, ...(input.status ? { status: input.status } : {}) },
          field: 'when',
          dir: 'desc',
          valueOf: (h) => h.when,
          cursor: input.cursor,
          scope: `help.community:${community._id}:${input.status ?? ''}`,
        });
      } else {
        page = await openNearby(deps.db, cursors, user, now, input.cursor);
      }
      const held = await activeLinksOf(deps.db, user._id);
      return pageAnswer(
        page,
        page.items.map((h) => helpView(h, standingOf(user, h, held), now)),
      );
    },
  },

  get: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const h = await helpFor(deps.db, input.helpId, user.streetId);
      const requester = await getUser(deps.db, h.requesterId);
      const standing = standingOf(user, h, await activeLinksOf(deps.db, user._id));
      return { help: helpView(h, standing, deps.clock.now(), requester?.phone) };
    },
  },

  accept: {
    auth: 'registered',
    // Many volunteers may go for one request at once: they queue on it, and once it is taken
    // the queue is told so at once instead of each retrying a conflicting transaction.
    async leases({ deps, user, input }) {
      const stillWorthIt = async (): Promise<void> => {
        const h = await helpFor(deps.db, input.helpId, user.streetId);
        if (h.status !== 'open') throw new DomainError(h.status === 'cancelled' || h.status === 'expired' ? 'HELP.NOT_OPEN' : 'HELP.TAKEN');
      };
      await stillWorthIt();
      return { keys: [leaseOf(input.helpId)], stillWorthIt };
    },
    run: (ctx) => move(ctx, 'accept'),
  },
  withdraw: { auth: 'registered', run: (ctx) => move(ctx, 'withdraw') },
  done: { auth: 'registered', run: (ctx) => move(ctx, 'done') },
  confirm: {
    auth: 'registered',
    run: (ctx) => move(ctx, 'confirm', { rating: ctx.input.rating, ...(ctx.input.comment ? { comment: ctx.input.comment } : {}) }),
  },
  dispute: { auth: 'registered', run: (ctx) => move(ctx, 'dispute', { reason: ctx.input.reason }) },
  resolve: { auth: 'registered', run: (ctx) => move(ctx, 'resolve', { outcome: ctx.input.outcome, note: ctx.input.note }) },
  cancel: { auth: 'registered', run: (ctx) => move(ctx, 'cancel') },

  rebook: {
    auth: 'registered',
    async leases({ deps, user, input }) {
      const h = await helpFor(deps.db, input.helpId, user.streetId);
      return { keys: [accountIds.wallet(h.requesterId)] };
    },
    async run({ deps, user, input, tx }) {
      const now = deps.clock.now();
      const prior = await helpFor(tx, input.helpId, user.streetId);
      if (input.forUserId && input.forUserId !== prior.requesterId) throw new DomainError('AUTH.FORBIDDEN', '这条求助不是这位居民的');
      decideMove(prior, 'rebook', standingOf(user, prior, await activeLinksOf(deps.db, user._id)), now);
      const requester = await getUser(tx, prior.requesterId);
      if (!requester) throw new DomainError('ACCOUNT.NOT_FOUND');
      const h = await open({ deps, user, tx }, requester, {
        category: prior.category,
        description: prior.description,
        when: new Date(input.when),
        durationMinutes: prior.durationMinutes,
        area: prior.area,
        address: prior.address,
        rewardMinutes: prior.rewardMinutes,
        offeredTo: prior.volunteerId,
        offeredUntil: new Date(now.getTime() + OFFER_FIRST_MS),
        rebookOf: prior._id,
      });
      await tellAboutHelp(tx, deps, user, h, h, [{ to: 'offered', kind: 'help.offered' }]);
      return { help: helpView(h, standingOf(user, h, await activeLinksOf(deps.db, user._id)), now) };
    },
  },

  poolGrant: {
    auth: 'registered',
    async leases({ deps, user, input }) {
      const target = await users.get(deps.db, input.userId);
      return { keys: target && target.streetId === user.streetId ? [accountIds.pool(target.communityId)] : [] };
    },
    async run({ deps, user, input, tx }) {
      const target = await getUser(tx, input.userId);
      if (!target || target.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
      const community = await getCommunity(tx, target.communityId);
      if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStaffOf(user, community);
      const entry = await postEntry(
        tx,
        {
          kind: 'pool.fund',
          postings: [
            { accountId: accountIds.pool(community._id), amountMinutes: -input.amountMinutes },
            { accountId: accountIds.wallet(target._id), amountMinutes: input.amountMinutes },
          ],
          refs: { communityId: community._id, userId: target._id },
          operatorId: user._id,
          memo: input.reason,
        },
        { now: deps.clock.now(), entryId: deps.ids.next('e'), db: deps.db },
      ).catch((e: unknown) => {
        if (e instanceof DomainError && e.code === 'WALLET.INSUFFICIENT')
          throw new DomainError('WALLET.INSUFFICIENT', `${community.name}公益池的时间币不够了`, e.details);
        throw e;
      });
      await recordActFor(tx, deps, user._id, target._id, `公益池补助 ${Number((input.amountMinutes / 60).toFixed(2))} 时间币：${input.reason}`, {
        entryId: entry._id,
      });
      const mine = entry.postings.find((p) => p.accountId === accountIds.wallet(target._id))!;
      return { entryId: entry._id, balanceMinutes: mine.balanceAfter ?? 0 };
    },
  },
};
