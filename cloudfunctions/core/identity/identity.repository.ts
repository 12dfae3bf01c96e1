import { z } from 'zod';
import { Role } from '../contract/common';
import type { Database } from '../db/app';
import { DateField, defineCollection } from '../db/collection';
import type { DbLike } from '../db/tx';
import type { Community, ProxyActRecord, ProxyLink, Street, User } from './identity.model';

const UserRecord = z.object({
  _id: z.string(),
  openid: z.string().optional(),
  name: z.string(),
  phone: z.string(),
  communityId: z.string(),
  streetId: z.string(),
  birthYear: z.number().int().optional(),
  address: z.string().optional(),
  managed: z.boolean(),
  roles: z.array(z.object({ role: Role, scope: z.string() })),
  createdAt: DateField,
  createdBy: z.string().optional(),
});

const CommunityRecord = z.object({ _id: z.string(), streetId: z.string(), name: z.string(), residents: z.number().int() });
const StreetRecord = z.object({ _id: z.string(), name: z.string() });
const ProxyLinkRecord = z.object({
  _id: z.string(),
  proxyId: z.string(),
  elderId: z.string(),
  communityId: z.string(),
  streetId: z.string(),
  scopes: z.array(z.enum(['help', 'wallet', 'redeem', 'checkin'])),
  status: z.enum(['requested', 'active', 'revoked']),
  requestedAt: DateField,
  verifiedBy: z.string().optional(),
  verifiedAt: DateField.optional(),
  verifiedHow: z.enum(['staff', 'code']).optional(),
  revokedBy: z.string().optional(),
  revokedAt: DateField.optional(),
  codeHash: z.string().optional(),
  codeExpiresAt: DateField.optional(),
  codeBy: z.string().optional(),
  codeTries: z.number().int().optional(),
});
const ProxyActRecordSchema = z.object({
  _id: z.string(),
  elderId: z.string(),
  actorId: z.string(),
  what: z.string(),
  refs: z.record(z.string(), z.string()),
  at: DateField,
});

export const users = defineCollection<User>('users', UserRecord);
/**
 * One WeChat-registered user per phone (DOMAIN.md "Places and people"): a claim document keyed
 * by the phone, written in the registration's transaction, so two racing registrations with
 * one phone cannot both succeed. Managed accounts (a shared landline) make no claim.
 */
export const phoneClaims = defineCollection<{ _id: string; userId: string }>('phoneClaims', z.object({ _id: z.string(), userId: z.string() }));
export const phoneClaimId = (phone: string): string => `phone:${phone}`;
export const communities = defineCollection<Community>('communities', CommunityRecord);
export const streets = defineCollection<Street>('streets', StreetRecord);
export const proxyLinks = defineCollection<ProxyLink>('proxyLinks', ProxyLinkRecord);
/**
 * The current link of a (proxy, elder) pair, keyed by the pair: two racing requests for one
 * pair write the same document, so the database lets one through.
 */
export const proxyPairs = defineCollection<{ _id: string; linkId: string }>('proxyPairs', z.object({ _id: z.string(), linkId: z.string() }));
export const proxyPairId = (proxyId: string, elderId: string): string => `pair:${proxyId}:${elderId}`;
export const proxyActs = defineCollection<ProxyActRecord>('proxyActs', ProxyActRecordSchema);

export const USERS = users.name;
export const COMMUNITIES = communities.name;
export const STREETS = streets.name;
export const PROXY_LINKS = proxyLinks.name;

export async function findUserByOpenid(db: Database, openid: string): Promise<User | null> {
  const res = await db.collection(USERS).where({ openid }).limit(1).get();
  return res.data[0] ? users.toDomain(res.data[0]) : null;
}

export const getUser = (db: DbLike, id: string): Promise<User | null> => users.get(db, id);
export const getCommunity = (db: DbLike, id: string): Promise<Community | null> => communities.get(db, id);
export const getStreet = (db: DbLike, id: string): Promise<Street | null> => streets.get(db, id);

/** The communities of a street (a street has about ten; 100 is far above any). */
export async function communitiesOf(db: Database, streetId: string): Promise<Community[]> {
  const res = await db.collection(COMMUNITIES).where({ streetId }).orderBy('_id', 'asc').limit(100).get();
  return (res.data as unknown[]).map(communities.toDomain);
}

/** Everyone of a street with a phone (a family may share one: managed accounts); a handful at most. */
export async function usersByPhone(db: Database, streetId: string, phone: string): Promise<User[]> {
  const res = await db.collection(USERS).where({ streetId, phone }).limit(50).get();
  return (res.data as unknown[]).map(users.toDomain);
}

/** Active links of a proxy (a person holds a handful of elders at most). */
export async function activeLinksOf(db: Database, proxyId: string): Promise<ProxyLink[]> {
  const res = await db.collection(PROXY_LINKS).where({ proxyId, status: 'active' }).limit(100).get();
  return (res.data as unknown[]).map(proxyLinks.toDomain);
}

/** The links of an elder (every proxy, any status; a handful). */
export async function linksOfElder(db: Database, elderId: string): Promise<ProxyLink[]> {
  const res = await db.collection(PROXY_LINKS).where({ elderId }).orderBy('requestedAt', 'desc').limit(100).get();
  return (res.data as unknown[]).map(proxyLinks.toDomain);
}

/** Every link a person asked for, any status (a handful). */
export async function linksOfProxy(db: Database, proxyId: string): Promise<ProxyLink[]> {
  const res = await db.collection(PROXY_LINKS).where({ proxyId }).orderBy('requestedAt', 'desc').limit(100).get();
  return (res.data as unknown[]).map(proxyLinks.toDomain);
}

/** The active links that hold an elder (a handful). */
export async function activeProxiesOf(db: Database, elderId: string): Promise<ProxyLink[]> {
  const res = await db.collection(PROXY_LINKS).where({ elderId, status: 'active' }).limit(100).get();
  return (res.data as unknown[]).map(proxyLinks.toDomain);
}

/** The staff of a community (a handful), to tell them what needs them. */
export async function staffOf(db: Database, communityId: string): Promise<User[]> {
  const res = await db.collection(USERS).where({ 'roles.scope': communityId, 'roles.role': 'staff' }).limit(50).get();
  return (res.data as unknown[]).map(users.toDomain).filter((u) => u.roles.some((g) => g.role === 'staff' && g.scope === communityId));
}

export async function proxyLinksOf(db: Database, proxyId: string, elderId: string): Promise<ProxyLink[]> {
  const res = await db.collection(PROXY_LINKS).where({ proxyId, elderId }).limit(100).get();
  return (res.data as unknown[]).map(proxyLinks.toDomain);
}
