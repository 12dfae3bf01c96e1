import type { Database } from '../db/app';
import { getDoc, type DbLike } from '../db/tx';
import type { Community, ProxyLink, Street, User } from './identity.model';

export const USERS = 'users';
export const COMMUNITIES = 'communities';
export const STREETS = 'streets';
export const PROXY_LINKS = 'proxyLinks';

export async function findUserByOpenid(db: Database, openid: string): Promise<User | null> {
  const res = await db.collection(USERS).where({ openid }).limit(1).get();
  return (res.data[0] as User | undefined) ?? null;
}

export const getUser = (db: DbLike, id: string): Promise<User | null> => getDoc<User>(db, USERS, id);
export const getCommunity = (db: DbLike, id: string): Promise<Community | null> => getDoc<Community>(db, COMMUNITIES, id);
export const getStreet = (db: DbLike, id: string): Promise<Street | null> => getDoc<Street>(db, STREETS, id);

export async function listCommunities(db: Database): Promise<Community[]> {
  const res = await db.collection(COMMUNITIES).orderBy('_id', 'asc').limit(1000).get();
  return res.data as Community[];
}

export async function proxyLinksOf(db: Database, proxyId: string, elderId: string): Promise<ProxyLink[]> {
  const res = await db.collection(PROXY_LINKS).where({ proxyId, elderId }).limit(100).get();
  return res.data as ProxyLink[];
}
