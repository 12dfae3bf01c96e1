import type { ElderView, ProxyLinkView } from '../contract/account';
import type { Database } from '../db/app';
import type { ProxyLink, User } from '../identity/identity.model';
import { communities, users } from '../identity/identity.repository';
import { toIso } from '../time';

/** 138****1234: a phone as everyone but staff of the person's community sees it (DOMAIN.md). */
export const maskPhone = (phone: string): string => (phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone);

export async function elderViews(db: Database, list: User[], opts: { staff: (u: User) => boolean }): Promise<ElderView[]> {
  const names = await communities.getMany(
    db,
    list.map((u) => u.communityId),
  );
  return list.map((u) => {
    const staff = opts.staff(u);
    return {
      id: u._id,
      name: u.name,
      communityId: u.communityId,
      communityName: names.get(u.communityId)?.name ?? '',
      managed: u.managed,
      ...(u.birthYear !== undefined ? { birthYear: u.birthYear } : {}),
      ...(u.phone ? { phone: staff ? u.phone : maskPhone(u.phone) } : {}),
      ...(u.address ? { address: u.address } : {}),
      createdAt: toIso(u.createdAt),
    };
  });
}

export async function linkViews(db: Database, links: ProxyLink[]): Promise<ProxyLinkView[]> {
  const people = await users.getMany(
    db,
    links.flatMap((l) => [l.proxyId, l.elderId]),
  );
  return links.map((l) => ({
    id: l._id,
    proxyId: l.proxyId,
    proxyName: people.get(l.proxyId)?.name ?? '',
    elderId: l.elderId,
    elderName: people.get(l.elderId)?.name ?? '',
    scopes: l.scopes,
    status: l.status,
    requestedAt: toIso(l.requestedAt),
    ...(l.verifiedBy ? { verifiedBy: l.verifiedBy } : {}),
    ...(l.verifiedAt ? { verifiedAt: toIso(l.verifiedAt) } : {}),
    ...(l.verifiedHow ? { verifiedHow: l.verifiedHow } : {}),
    ...(l.revokedBy ? { revokedBy: l.revokedBy } : {}),
    ...(l.revokedAt ? { revokedAt: toIso(l.revokedAt) } : {}),
  }));
}
