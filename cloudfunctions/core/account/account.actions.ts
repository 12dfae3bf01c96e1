import { createHash } from 'node:crypto';
import type { Impls } from '../shell';
import { DomainError } from '../errors';
import { accountIds } from '../ledger/ledger.model';
import { balanceOf, openAccount } from '../ledger/ledger.repository';
import type { DbLike } from '../db/tx';
import type { RoleGrant } from '../contract';
import type { User } from '../identity/identity.model';
import { decideGrant } from '../identity/identity.rules';
import { activeLinksOf, communities, getCommunity, getStreet, getUser, phoneClaimId, phoneClaims, users, usersByPhone } from '../identity/identity.repository';
import { dayOf } from '../time';
import { pageAnswer, pageOf } from '../db/paging';
import { merchants } from '../redemption/redemption.repository';
import { userView } from '../identity/user-view';
import { managedActions } from './managed.actions';
import { proxyActions } from './proxy.actions';

/**
 * A WeChat user's id is derived from their OPENID, so two racing registrations of one
 * person write the same document and the database lets only one through.
 */
export const userIdForOpenid = (openid: string): string => `u-${createHash('sha256').update(openid).digest('hex').slice(0, 20)}`;

export const accountActions: Impls<'account'> = {
  me: {
    auth: 'registered',
    async run({ deps, user }) {
      const walletMinutes = await balanceOf(deps.db, accountIds.wallet(user._id), deps.clock.now());
      const links = await activeLinksOf(deps.db, user._id);
      const found = await users.getMany(
        deps.db,
        links.map((l) => l.elderId),
      );
      const elders = links.flatMap((l) => (found.has(l.elderId) ? [{ id: l.elderId, name: found.get(l.elderId)!.name, scopes: l.scopes }] : []));
      return { user: await userView(deps.db, user), walletMinutes, elders };
    },
  },

  register: {
    auth: 'wechat',
    async run({ deps, openid, user, input, tx }) {
      if (user) throw new DomainError('ACCOUNT.ALREADY_REGISTERED');
      const community = await getCommunity(tx, input.communityId);
      if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
      const id = userIdForOpenid(openid);
      if (await getUser(tx, id)) throw new DomainError('ACCOUNT.ALREADY_REGISTERED');
      if (await phoneClaims.get(tx, phoneClaimId(input.phone)))
        throw new DomainError('ACCOUNT.PHONE_TAKEN', undefined, { fields: [{ path: 'phone', message: '这个手机号已被注册' }] });
      const roles: RoleGrant[] = [{ role: 'resident', scope: community._id }];
      if (input.volunteer) roles.push({ role: 'volunteer', scope: community._id });
      const created: User = {
        _id: id,
        openid,
        name: input.name,
        phone: input.phone,
        communityId: community._id,
        streetId: community.streetId,
        managed: false,
        roles,
        createdAt: deps.clock.now(),
      };
      await users.add(tx, created);
      await phoneClaims.add(tx, { _id: phoneClaimId(input.phone), userId: id });
      await openAccount(tx, {
        _id: accountIds.wallet(id),
        kind: 'wallet',
        ownerId: id,
        communityId: community._id,
        streetId: community.streetId,
        createdAt: deps.clock.now(),
      });
      return { user: await userView(tx, created) };
    },
  },

  grantRole: {
    auth: 'registered',
    async run({ user, input, tx }) {
      const target = await getUser(tx, input.userId);
      const scope = await resolveScope(tx, input.scope);
      decideGrant(user, target, input.role, scope);
      const grant = { role: input.role, scope: input.scope };
      const has = target!.roles.some((g) => g.role === grant.role && g.scope === grant.scope);
      const roles = has ? target!.roles : [...target!.roles, grant];
      if (!has) await users.patch(tx, target!._id, { roles });
      return { user: await userView(tx, { ...target!, roles }) };
    },
  },

  lookup: {
    auth: 'registered',
    async run({ deps, user, input }) {
      // Only staff and the street admin, and only within their street (DOMAIN.md: data of one
      // street is never visible to another).
      if (!user.roles.some((g) => g.role === 'staff' || (g.role === 'admin' && g.scope === user.streetId))) {
        throw new DomainError('AUTH.FORBIDDEN', '只有社工可以按手机号查找');
      }
      // Everyone with the number (a family may share a landline), with enough to tell them apart.
      const found = await usersByPhone(deps.db, user.streetId, input.phone);
      if (found.length === 0) throw new DomainError('ACCOUNT.NOT_FOUND', '没有找到使用这个手机号的人');
      const names = await communities.getMany(
        deps.db,
        found.map((u) => u.communityId),
      );
      return {
        items: found.map((u) => ({
          id: u._id,
          name: u.name,
          communityName: names.get(u.communityId)?.name ?? '',
          managed: u.managed,
          ...(u.birthYear !== undefined ? { birthYear: u.birthYear } : {}),
          since: dayOf(u.createdAt),
        })),
      };
    },
  },

  communities: {
    auth: 'wechat',
    async run({ deps, input, cursors }) {
      // A city holds many streets: a page at a time (the form puts the names in pinyin order).
      const page = await pageOf(deps.db, communities, cursors, {
        where: {},
        field: '_id',
        dir: 'asc',
        valueOf: (c) => c._id,
        cursor: input.cursor,
        scope: 'communities',
        limit: 100,
      });
      return pageAnswer(
        page,
        page.items.map((c) => ({ id: c._id, name: c.name, streetId: c.streetId })),
      );
    },
  },

  ...managedActions,
  ...proxyActions,
};

/** What place a scope id names: a community, the street, or a merchant. */
async function resolveScope(tx: DbLike, scopeId: string): Promise<{ kind: 'community' | 'street' | 'merchant'; id: string; streetId: string } | null> {
  const community = await communities.get(tx, scopeId);
  if (community) return { kind: 'community', id: community._id, streetId: community.streetId };
  const street = await getStreet(tx, scopeId);
  if (street) return { kind: 'street', id: street._id, streetId: street._id };
  const merchant = await merchants.get(tx, scopeId);
  if (merchant) return { kind: 'merchant', id: merchant._id, streetId: merchant.streetId };
  return null;
}
