import type { Impls } from '../shell';
import { pageAnswer, pageOf } from '../db/paging';
import { DomainError } from '../errors';
import { helpsOpenFor } from '../help/help.repository';
import type { User } from '../identity/identity.model';
import { activeLinksOf, getCommunity, getUser, linksOfElder, staffOf, users } from '../identity/identity.repository';
import { isStaffOf, requireStaffOf } from '../identity/identity.rules';
import { accountIds } from '../ledger/ledger.model';
import { balanceOf, openAccount } from '../ledger/ledger.repository';
import { elderViews, linkViews } from './elder-views';

/** Managed accounts (DOMAIN.md "Managed accounts and proxies"): residents without WeChat, created by staff. */
export const managedActions: Pick<Impls<'account'>, 'createManaged' | 'updateManaged' | 'managed' | 'elder'> = {
  createManaged: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const community = await getCommunity(tx, input.communityId);
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStaffOf(user, community);
      const now = deps.clock.now();
      // No phone claim: a managed account may share a family's number (DOMAIN.md).
      const elder: User = {
        _id: deps.ids.next('u'),
        name: input.name,
        phone: input.phone ?? '',
        communityId: community._id,
        streetId: community.streetId,
        birthYear: input.birthYear,
        ...(input.address ? { address: input.address } : {}),
        managed: true,
        roles: [{ role: 'resident', scope: community._id }],
        createdAt: now,
        createdBy: user._id,
      };
      await users.add(tx, elder);
      await openAccount(tx, {
        _id: accountIds.wallet(elder._id),
        kind: 'wallet',
        ownerId: elder._id,
        communityId: community._id,
        streetId: community.streetId,
        createdAt: now,
      });
      return { user: (await elderViews(deps.db, [elder], { staff: () => true }))[0] };
    },
  },

  updateManaged: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const elder = await getUser(tx, input.userId);
      if (!elder || elder.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
      const community = await getCommunity(tx, elder.communityId);
      if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStaffOf(user, community);
      if (!elder.managed) throw new DomainError('AUTH.FORBIDDEN', '只能修改代管账户；用微信注册的居民请自己修改');
      const next: User = { ...elder };
      if (input.name !== undefined) next.name = input.name;
      if (input.birthYear !== undefined) next.birthYear = input.birthYear;
      if (input.phone !== undefined) next.phone = input.phone ?? '';
      if (input.address === null) delete next.address;
      else if (input.address !== undefined) next.address = input.address;
      await users.put(tx, next);
      return { user: (await elderViews(deps.db, [next], { staff: () => true }))[0] };
    },
  },

  managed: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const communityId = input.communityId ?? user.roles.find((g) => g.role === 'staff')?.scope ?? user.communityId;
      const community = await getCommunity(deps.db, communityId);
      if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
      requireStaffOf(user, community);
      const page = await pageOf(deps.db, users, cursors, {
        where: { communityId: community._id, managed: true },
        field: 'name',
        dir: 'asc',
        valueOf: (u) => u.name,
        cursor: input.cursor,
        scope: `managed:${community._id}`,
      });
      return pageAnswer(page, await elderViews(deps.db, page.items, { staff: () => true }));
    },
  },

  elder: {
    auth: 'registered',
    async run({ deps, user, input }) {
      const elder = await getUser(deps.db, input.userId);
      if (!elder || elder.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
      const community = await getCommunity(deps.db, elder.communityId);
      if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
      const staff = isStaffOf(user, community);
      const self = elder._id === user._id;
      const mine = (await activeLinksOf(deps.db, user._id)).filter((l) => l.elderId === elder._id);
      if (!staff && !self && mine.length === 0) throw new DomainError('AUTH.FORBIDDEN', '您没有查看这位居民的权限');
      // What the caller may do for them: everything for themself; staff act for managed accounts only.
      const scopes = self || (staff && elder.managed) ? (['wallet', 'help', 'redeem', 'checkin'] as const) : [...new Set(mine.flatMap((l) => l.scopes))];
      const all = await linksOfElder(deps.db, elder._id);
      const links = staff || self ? all : all.filter((l) => l.proxyId === user._id);
      const staffPhone = (await staffOf(deps.db, community._id)).find((u) => u.phone)?.phone;
      return {
        elder: (await elderViews(deps.db, [elder], { staff: () => staff || self }))[0],
        ...(scopes.includes('wallet') ? { balanceMinutes: await balanceOf(deps.db, accountIds.wallet(elder._id), deps.clock.now()) } : {}),
        openHelps: await helpsOpenFor(deps.db, elder._id),
        scopes: [...scopes],
        staff,
        links: await linkViews(deps.db, links),
        ...(staffPhone ? { staffPhone } : {}),
      };
    },
  },
};
