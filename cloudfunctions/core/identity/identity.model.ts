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
  scopes: ProxyScope[];
  status: 'pending' | 'active' | 'revoked';
  requestedAt: Date;
  verifiedBy?: string;
  verifiedAt?: Date;
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
