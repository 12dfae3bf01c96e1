import { createHash, timingSafeEqual } from 'node:crypto';
import type { Impls } from '../shell';
import type { Database } from '../db/app';
import { pageAnswer, pageOf } from '../db/paging';
import type { DbLike } from '../db/tx';
import { DomainError } from '../errors';
import type { ProxyLink, User } from '../identity/identity.model';
import {
  activeProxiesOf,
  getCommunity,
  getUser,
  linksOfElder,
  linksOfProxy,
  PROXY_LINKS,
  proxyActs,
  proxyLinks,
  proxyPairId,
  proxyPairs,
  staffOf,
  users,
  usersByPhone,
} from '../identity/identity.repository';
import { isStaffOf, requireStaffOf } from '../identity/identity.rules';
import type { Note } from '../messages/message.model';
import { notify } from '../messages/notify';
import type { Deps } from '../runtime';
import { toIso } from '../time';
import { linkViews } from './elder-views';

/** The one-time code staff give an elder lasts three days and allows five wrong tries. */
export const PROXY_CODE_TTL_MS = 72 * 3600_000;
export const PROXY_CODE_TRIES = 5;

const codeHash = (linkId: string, code: string): string => createHash('sha256').update(`proxy-code:${linkId}:${code}`).digest('hex');

async function linkFor(db: DbLike, linkId: string, streetId: string): Promise<ProxyLink> {
  const link = await proxyLinks.get(db, linkId);
  if (!link || link.streetId !== streetId) throw new DomainError('PROXY.NOT_FOUND');
  return link;
}

async function requireStaffOfElder(db: DbLike, user: User, link: ProxyLink): Promise<void> {
  const community = await getCommunity(db, link.communityId);
  if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
  requireStaffOf(user, community);
}

function clearCode(link: ProxyLink): void {
  delete link.codeHash;
  delete link.codeExpiresAt;
  delete link.codeTries;
  delete link.codeBy;
}

const elderLink = (elderId: string): string => `/pages/elder/index?id=${elderId}`;

async function tellLink(tx: DbLike, deps: Deps, actor: User, link: ProxyLink, kind: string, to: string[]): Promise<void> {
  const people = await users.getMany(deps.db, [link.proxyId, link.elderId]);
  const proxy = people.get(link.proxyId)?.name ?? '';
  const elder = people.get(link.elderId)?.name ?? '';
  const words: Record<string, { title: string; body: string }> = {
    'proxy.requested': { title: '有新的代持申请', body: `${proxy}申请代持${elder}，请核实` },
    'proxy.verified': { title: '代持已生效', body: `您现在可以代${elder}办理事情了` },
    'proxy.revoked': { title: '代持已解除', body: `${proxy}与${elder}的代持关系已解除` },
  };
  const notes: Note[] = [...new Set(to)]
    .filter((id) => id !== actor._id)
    .map((userId) => ({ userId, kind, ...words[kind], link: elderLink(link.elderId), templateKey: 'proxy' as const }));
  if (notes.length > 0) await notify(tx, deps, notes);
}

/** The elder a proxy asks to hold: named by staff (an id from the card), or found by phone. */
async function findElder(db: Database, user: User, input: { elderId?: string; elderPhone?: string }): Promise<User> {
  if (input.elderId) {
    const elder = await getUser(db, input.elderId);
    if (!elder || elder.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
    return elder;
  }
  const found = (await usersByPhone(db, user.streetId, input.elderPhone!)).filter((u) => u._id !== user._id);
  if (found.length === 0) {
    throw new DomainError('ACCOUNT.NOT_FOUND', '没有找到使用这个手机号的居民，请核对号码，或到社区找社工办理', {
      fields: [{ path: 'elderPhone', message: '没有找到' }],
    });
  }
  // A shared landline: which of them is meant is for staff to tell, not for anyone to list.
  if (found.length > 1) throw new DomainError('PROXY.AMBIGUOUS');
  return found[0];
}

export const proxyActions: Pick<Impls<'account'>, 'proxyRequest' | 'proxyVerify' | 'proxyCode' | 'proxyConfirm' | 'proxyRevoke' | 'proxies' | 'proxyLog'> = {
  proxyRequest: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const elder = await findElder(deps.db, user, input);
      if (elder._id === user._id) throw new DomainError('PROXY.SELF');
      const pairId = proxyPairId(user._id, elder._id);
      const pair = await proxyPairs.get(tx, pairId);
      const current = pair ? await proxyLinks.get(tx, pair.linkId) : null;
      // Asking again while a request or a link stands answers with it: one link per pair.
      if (current && current.status !== 'revoked') return { link: (await linkViews(deps.db, [current]))[0] };
      const link: ProxyLink = {
        _id: deps.ids.next('pl'),
        proxyId: user._id,
        elderId: elder._id,
        communityId: elder.communityId,
        streetId: elder.streetId,
        scopes: [...new Set(input.scopes)],
        status: 'requested',
        requestedAt: deps.clock.now(),
      };
      await proxyLinks.add(tx, link);
      if (pair) await proxyPairs.patch(tx, pairId, { linkId: link._id });
      else await proxyPairs.add(tx, { _id: pairId, linkId: link._id });
      const staff = (await staffOf(deps.db, elder.communityId)).map((u) => u._id);
      await tellLink(tx, deps, user, link, 'proxy.requested', [...staff, ...(elder.managed ? [] : [elder._id])]);
      return { link: (await linkViews(deps.db, [link]))[0] };
    },
  },

  proxyVerify: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const link = await linkFor(tx, input.linkId, user.streetId);
      await requireStaffOfElder(tx, user, link);
      if (link.proxyId === user._id) throw new DomainError('AUTH.FORBIDDEN', '不能核实自己的代持申请，请由其他社工办理');
      if (link.status !== 'requested') throw new DomainError('PROXY.BAD_STATE', link.status === 'active' ? '这条代持已经生效了' : '这条代持已经解除了');
      const now = deps.clock.now();
      const next: ProxyLink = { ...link, status: 'active', verifiedBy: user._id, verifiedAt: now, verifiedHow: 'staff' };
      clearCode(next);
      await proxyLinks.put(tx, next);
      await tellLink(tx, deps, user, next, 'proxy.verified', [link.proxyId]);
      return { link: (await linkViews(deps.db, [next]))[0] };
    },
  },

  proxyCode: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const link = await linkFor(tx, input.linkId, user.streetId);
      await requireStaffOfElder(tx, user, link);
      if (link.proxyId === user._id) throw new DomainError('AUTH.FORBIDDEN', '不能为自己的代持申请生成确认码，请由其他社工办理');
      if (link.status !== 'requested') throw new DomainError('PROXY.BAD_STATE', '只有等待核实的代持申请需要确认码');
      const code = deps.random.digits(6);
      const expiresAt = new Date(deps.clock.now().getTime() + PROXY_CODE_TTL_MS);
      // A new code replaces the old one (only its hash is kept), with fresh tries.
      await proxyLinks.patch(tx, link._id, { codeHash: codeHash(link._id, code), codeExpiresAt: expiresAt, codeTries: 0, codeBy: user._id });
      return { code, expiresAt: toIso(expiresAt) };
    },
  },

  proxyConfirm: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const link = await linkFor(tx, input.linkId, user.streetId);
      if (link.proxyId !== user._id) throw new DomainError('PROXY.NOT_FOUND');
      if (link.status !== 'requested') throw new DomainError('PROXY.BAD_STATE', link.status === 'active' ? '这条代持已经生效了' : '这条代持已经解除了');
      const now = deps.clock.now();
      const usable = !!link.codeHash && !!link.codeExpiresAt && link.codeExpiresAt.getTime() > now.getTime() && (link.codeTries ?? 0) < PROXY_CODE_TRIES;
      const given = Buffer.from(codeHash(link._id, input.code));
      if (!usable || !timingSafeEqual(given, Buffer.from(link.codeHash!))) {
        // A wrong try counts even though this call is refused: written outside the transaction
        // (which the refusal rolls back), so guessing the six digits gets five tries in all.
        if (usable)
          await deps.db
            .collection(PROXY_LINKS)
            .where({ _id: link._id, status: 'requested' })
            .update({ codeTries: deps.db.command.inc(1) });
        throw new DomainError('PROXY.CODE_INVALID', undefined, { fields: [{ path: 'code', message: '确认码不对或已过期' }] });
      }
      const next: ProxyLink = { ...link, status: 'active', verifiedBy: link.codeBy ?? '', verifiedAt: now, verifiedHow: 'code' };
      clearCode(next);
      await proxyLinks.put(tx, next);
      const staff = (await staffOf(deps.db, link.communityId)).map((u) => u._id);
      await tellLink(tx, deps, user, next, 'proxy.verified', staff);
      return { link: (await linkViews(deps.db, [next]))[0] };
    },
  },

  proxyRevoke: {
    auth: 'registered',
    async run({ deps, user, input, tx }) {
      const link = await linkFor(tx, input.linkId, user.streetId);
      const community = await getCommunity(tx, link.communityId);
      const side = link.proxyId === user._id || link.elderId === user._id;
      if (!side && !(community && isStaffOf(user, community))) throw new DomainError('AUTH.FORBIDDEN', '只有代持人、长者本人或社区社工可以解除代持');
      if (link.status === 'revoked') return { link: (await linkViews(deps.db, [link]))[0] };
      const next: ProxyLink = { ...link, status: 'revoked', revokedBy: user._id, revokedAt: deps.clock.now() };
      await proxyLinks.put(tx, next);
      await tellLink(tx, deps, user, next, 'proxy.revoked', [link.proxyId, link.elderId]);
      return { link: (await linkViews(deps.db, [next]))[0] };
    },
  },

  proxies: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      if (input.communityId) {
        const community = await getCommunity(deps.db, input.communityId);
        if (!community || community.streetId !== user.streetId) throw new DomainError('COMMUNITY.NOT_FOUND');
        requireStaffOf(user, community);
        const status = input.status ?? 'requested';
        const page = await pageOf(deps.db, proxyLinks, cursors, {
          where: { communityId: community._id, status },
          field: 'requestedAt',
          dir: 'asc',
          valueOf: (l) => l.requestedAt,
          cursor: input.cursor,
          scope: `proxies:${community._id}:${status}`,
        });
        return pageAnswer(page, await linkViews(deps.db, page.items));
      }
      let links: ProxyLink[];
      if (input.forUserId && input.forUserId !== user._id) {
        const elder = await getUser(deps.db, input.forUserId);
        if (!elder || elder.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
        const community = await getCommunity(deps.db, elder.communityId);
        const all = await linksOfElder(deps.db, elder._id);
        if (community && isStaffOf(user, community)) links = all;
        else if (all.some((l) => l.proxyId === user._id && l.status === 'active')) links = all.filter((l) => l.proxyId === user._id);
        else throw new DomainError('AUTH.FORBIDDEN', '您没有查看这位居民代持关系的权限');
      } else if (input.forUserId) {
        // An elder with WeChat sees who holds them.
        links = await linksOfElder(deps.db, user._id);
      } else {
        links = await linksOfProxy(deps.db, user._id);
      }
      return { items: await linkViews(deps.db, input.status ? links.filter((l) => l.status === input.status) : links) };
    },
  },

  proxyLog: {
    auth: 'registered',
    async run({ deps, user, input, cursors }) {
      const elder = await getUser(deps.db, input.forUserId);
      if (!elder || elder.streetId !== user.streetId) throw new DomainError('ACCOUNT.NOT_FOUND');
      const community = await getCommunity(deps.db, elder.communityId);
      const allowed =
        elder._id === user._id || (community && isStaffOf(user, community)) || (await activeProxiesOf(deps.db, elder._id)).some((l) => l.proxyId === user._id);
      if (!allowed) throw new DomainError('AUTH.FORBIDDEN', '您没有查看这位居民代办记录的权限');
      const page = await pageOf(deps.db, proxyActs, cursors, {
        where: { elderId: elder._id },
        field: 'at',
        dir: 'desc',
        valueOf: (a) => a.at,
        cursor: input.cursor,
        scope: `proxyLog:${elder._id}`,
      });
      const actors = await users.getMany(
        deps.db,
        page.items.map((a) => a.actorId),
      );
      return pageAnswer(
        page,
        page.items.map((a) => ({ id: a._id, actorId: a.actorId, actorName: actors.get(a.actorId)?.name ?? '', what: a.what, at: toIso(a.at) })),
      );
    },
  },
};
