import type { Role, RoleGrant } from '../contract/common';

/** People and places (DOMAIN.md "Places and people"). */
export interface Street {
  _id: string;
  name: string;
}

export interface Community {
  _id: string;
  streetId: string;
  name: string;
  /** 常住居民人数, entered by staff: the denominator of the funders' ratios. */
  residents: number;
}

export interface User {
  _id: string;
  /** WeChat OPENID; absent for a managed account (an elder without WeChat). */
  openid?: string;
  name: string;
  phone: string;
  communityId: string;
  streetId: string;
  birthYear?: number;
  /** Home address of a managed account: the default place of their help requests. */
  address?: string;
  managed: boolean;
  roles: RoleGrant[];
  createdAt: Date;
  createdBy?: string;
}

export type ProxyScope = 'help' | 'wallet' | 'redeem' | 'checkin';

export interface ProxyLink {
  _id: string;
  proxyId: string;
  elderId: string;
  /** The elder's community and street: whose staff verify it, and where it is listed. */
  communityId: string;
  streetId: string;
  scopes: ProxyScope[];
  status: 'requested' | 'active' | 'revoked';
  requestedAt: Date;
  verifiedBy?: string;
  verifiedAt?: Date;
  verifiedHow?: 'staff' | 'code';
  revokedBy?: string;
  revokedAt?: Date;
  /** The one-time confirmation code staff gave the elder: only its hash is kept. */
  codeHash?: string;
  codeExpiresAt?: Date;
  /** The staff member who made the code (the link's verifier when the proxy types it). */
  codeBy?: string;
  /** Wrong codes typed since the code was made; at CODE_TRIES the code is void. */
  codeTries?: number;
}

/** Something a proxy or staff did for someone else (DOMAIN.md: both people are recorded). */
export interface ProxyActRecord {
  _id: string;
  elderId: string;
  actorId: string;
  what: string;
  refs: Record<string, string>;
  at: Date;
}

/** What kind of place each role's scope names. */
export const SCOPE_KIND: Record<Role, 'community' | 'street' | 'merchant'> = {
  resident: 'community',
  volunteer: 'community',
  staff: 'community',
  admin: 'street',
  committee: 'street',
  merchant: 'merchant',
};
